// A service's six disclosures (六公开): what it grants, the procedure, the fees, the legal basis, the
// materials (with template forms to download) and the time limits — statutory and promised, in working
// days — with who handles it at which level, whether it can be applied for online, and, for a flagged
// service, the deemed-approval rule (超时默许) in plain words.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions } from 'antd';
import { templateUrl, type Service } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';

export function Disclosures({ service }: { service: Service }) {
  const { t, tk, locale } = useApplicationI18n();
  const english = locale === 'en';
  const joint = service.jointUnitIds.length > 0;
  return (
    <>
      {service.deemedApproval && (
        <Alert className="ms-portal-card sp-deemed" type="success" showIcon role="note" title={t('application.deemed.title')}
          description={t('application.deemed.text', { days: service.promisedDays })} />
      )}
      <Card className="ms-portal-card sp-disclosure" title={<h2 className="ms-card-title">{t('application.disclose.content')}</h2>}>
        <p className="sp-description">{service.content}</p>
      </Card>
      <Card className="ms-portal-card sp-disclosure" title={<h2 className="ms-card-title">{t('application.disclose.procedure')}</h2>}>
        <ol className="sp-procedure">{service.procedure.map((step, i) => <li key={i}>{step}</li>)}</ol>
      </Card>
      <Card className="ms-portal-card sp-disclosure" title={<h2 className="ms-card-title">{t('application.disclose.materials')}</h2>}>
        <div className="sp-table-wrap">
          <table className="sp-materials">
            <caption className="ms-visually-hidden">{t('application.disclose.materials')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('application.material.name')}</th>
                <th scope="col">{t('application.material.requiredCol')}</th>
                <th scope="col">{t('application.material.copiesCol')}</th>
                <th scope="col">{t('application.material.templateCol')}</th>
              </tr>
            </thead>
            <tbody>
              {service.materials.map((m) => (
                <tr key={m.code}>
                  <td>{m.name}{m.note && <div className="sp-muted">{m.note}</div>}</td>
                  <td>{m.required ? t('application.material.required') : t('application.material.optional')}</td>
                  <td>{m.copies}</td>
                  <td>
                    {m.hasTemplate || m.templateText
                      ? <a href={templateUrl(service.code, m.code)} download aria-label={t('application.material.template', { name: m.name })}><DownloadOutlined aria-hidden /> {t('application.material.download')}</a>
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card className="ms-portal-card sp-disclosure" title={<h2 className="ms-card-title">{t('application.disclose.limits')}</h2>}>
        <Descriptions column={1} size="middle" items={[
          { key: 'statutory', label: t('application.service.statutory'), children: t('application.service.workingDays', { n: service.statutoryDays }) },
          { key: 'promised', label: t('application.service.promised'), children: t('application.service.workingDays', { n: service.promisedDays }) },
          ...(joint ? [{ key: 'joint', label: t('application.service.joint'), children: t('application.service.jointText', { units: ((english ? service.jointUnitNamesEn : service.jointUnitNames) ?? []).join(english ? ', ' : '、') || String(service.jointUnitIds.length) }) }] : []),
          { key: 'level', label: t('application.service.level'), children: tk(`application.level.${service.level}`) },
          { key: 'unit', label: t('application.service.unit'), children: (english ? service.handlingUnitNameEn : service.handlingUnitName) ?? t('application.service.unitOfPlace', { level: tk(`application.level.${service.level}`) }) },
          { key: 'how', label: t('application.service.how'), children: service.online ? t('application.service.onlineText') : (service.counterNote ?? t('application.service.counterText')) },
          { key: 'deemed', label: t('application.service.deemed'), children: service.deemedApproval ? t('application.service.deemedYes') : t('application.service.deemedNo') },
        ]} />
        <p className="sp-help">{t('application.service.clockNote')}</p>
      </Card>
      <Card className="ms-portal-card sp-disclosure" title={<h2 className="ms-card-title">{t('application.disclose.fees')}</h2>}>
        <p>{service.fees}</p>
      </Card>
      <Card className="ms-portal-card sp-disclosure" title={<h2 className="ms-card-title">{t('application.disclose.basis')}</h2>}>
        <ul className="sp-basis">{service.legalBasis.map((b, i) => <li key={i}>{b}</li>)}</ul>
      </Card>
    </>
  );
}
