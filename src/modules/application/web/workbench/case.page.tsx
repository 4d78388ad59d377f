// /workbench/applications/:id: one application for the handling unit — the service and applicant, the
// materials (each file to open), the working-day clock, documents, every step, and the actions the
// server says this user may take now (its `abilities`), each with a key.
import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Card, Col, Descriptions, Result, Row, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../web/api/client.ts';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { useDocumentTitle } from '../../../../web/shell/page-title.ts';
import { useJurisdictions } from '../../../../web/workbench/use-jurisdictions.ts';
import { applicationApi, attachmentUrl, serviceOf, type ApplicationDetail } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import { WorkingDayClock } from '../components/countdown.tsx';
import { DocumentList } from '../components/documents.tsx';
import { useShortcuts, type Shortcut } from '../components/shortcuts.ts';
import { DeemedTag, StateTag } from '../components/tags.tsx';
import { Timeline } from '../components/timeline.tsx';
import { ACTIONS, ActionButton, ActionDialog } from './case-actions.tsx';
import '../application.css';

export function CasePage() {
  const { id } = useParams();
  const { t } = useApplicationI18n();
  const detail = useLoad(() => applicationApi.detail(id!), [id]);
  if (detail.error) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return missing
      ? <Result status="404" title={<h1 className="ms-result-title">{t('application.case.notFound')}</h1>} extra={<Link to="/workbench/applications">{t('application.case.back')}</Link>} />
      : <ErrorAlert error={detail.error} />;
  }
  if (!detail.data) return <Skeleton active />;
  return <CaseView detail={detail.data} reload={detail.reload} />;
}

function CaseView({ detail, reload }: { detail: ApplicationDetail; reload: () => void }) {
  const { t, tk, nameOf } = useApplicationI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const tree = useJurisdictions();
  const a = detail.case;
  const s = serviceOf(detail);
  useDocumentTitle(`${a.trackingCode} ${nameOf(s)}`);
  const [dialog, setDialog] = useState<string | null>(null);
  const offered = ACTIONS.filter((x) => detail.abilities.includes(x.type));
  const done = (type: string) => {
    setDialog(null);
    message.success(t('application.action.done', { action: tk(`application.action.${type}`) }));
    reload();
  };
  const shortcuts: Shortcut[] = [
    ...offered.map((x) => ({ keys: x.key, run: () => setDialog(x.type) })),
    { keys: 'U', run: () => navigate('/workbench/applications') },
  ];
  useShortcuts(shortcuts);
  const unitName = (id: string | null | undefined) => {
    const u = id ? tree.byId.get(id) : undefined;
    return u ? nameOf(u) : '—';
  };
  const requested = a.data.requestedMaterials?.codes ?? [];
  const opinions = a.data.opinions ?? [];

  return (
    <>
      <p className="sp-back"><Link to="/workbench/applications"><ArrowLeftOutlined aria-hidden /> {t('application.case.back')}</Link></p>
      <div className="ms-page-header">
        <div>
          <h1 className="ms-page-title">{nameOf(s)}</h1>
          <div className="sp-case-tags sp-service-facts">
            <span className="ms-mono">{a.trackingCode}</span>
            <StateTag state={a.state} overdue={a.data.overdue} />
            <DeemedTag on={s.deemedApproval} />
          </div>
        </div>
      </div>
      {a.state === 'deemed_approved' && <Alert className="ms-form-alert" type="warning" showIcon role="note" title={t('application.case.deemedNote')} />}

      <Row gutter={[20, 20]}>
        <Col xs={24} xl={16}>
          <Card className="sp-card" title={<h2 className="ms-card-title">{t('application.case.application')}</h2>}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
              { key: 'applicant', label: t('application.field.applicant'), children: a.data.applicant ? t('application.case.applicant', { name: a.data.applicant.name, kind: tk(`application.kind.${a.data.applicant.kind}`) }) : '—' },
              { key: 'channel', label: t('application.field.channel'), children: tk(`application.channel.${a.data.channel ?? 'online'}`) },
              { key: 'created', label: t('application.field.createdAt'), children: formatDateTime(a.createdAt) },
              { key: 'unit', label: t('application.field.unit'), children: unitName(a.handlingUnitId) },
              { key: 'promised', label: t('application.service.promised'), children: t('application.service.workingDays', { n: s.promisedDays }) },
              { key: 'statutory', label: t('application.service.statutory'), children: t('application.service.workingDays', { n: s.statutoryDays }) },
              ...(s.jointUnitIds.length > 0 ? [{ key: 'joint', label: t('application.service.joint'), children: (s.jointUnitNames ?? []).join('、') || s.jointUnitIds.map((id) => unitName(id)).join('、') }] : []),
              ...(typeof a.data.note === 'string' && a.data.note ? [{ key: 'note', label: t('application.apply.note'), children: a.data.note }] : []),
            ]} />
          </Card>
          <Card className="sp-card" title={<h2 className="ms-card-title">{t('application.case.materials')}</h2>}>
            <table className="sp-materials">
              <caption className="ms-visually-hidden">{t('application.case.materials')}</caption>
              <thead><tr><th scope="col">{t('application.material.name')}</th><th scope="col">{t('application.material.requiredCol')}</th><th scope="col">{t('application.case.files')}</th></tr></thead>
              <tbody>
                {detail.materials.map((m) => (
                  <tr key={m.code}>
                    <td>{m.name} {(m.missing || requested.includes(m.code)) && <Tag className="sp-tag sp-tag-orange">{t('application.upload.asked')}</Tag>}</td>
                    <td>{m.required ? t('application.material.required') : t('application.material.optional')}</td>
                    <td>
                      {m.attachmentIds.length === 0 ? <span className={m.required ? 'sp-due-over' : 'sp-muted'}>{t('application.case.noFile')}</span> : (
                        <ul className="sp-inline-list">
                          {m.attachmentIds.map((id, i) => <li key={id}><a href={attachmentUrl(id)} target="_blank" rel="noopener"><PaperClipOutlined aria-hidden /> {t('application.case.fileN', { name: m.name, n: i + 1 })}</a></li>)}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          {opinions.length > 0 && (
            <Card className="sp-card" title={<h2 className="ms-card-title">{t('application.case.opinions')}</h2>}>
              <ul className="sp-inline-list">
                {opinions.map((o) => <li key={o.unitId}><strong>{unitName(o.unitId)}</strong>{t('common.colon')}{o.agree ? t('application.opinion.agree') : t('application.opinion.disagree')} — {o.text}</li>)}
              </ul>
            </Card>
          )}
          <Card className="sp-card" title={<h2 className="ms-card-title">{t('application.case.timeline')}</h2>}>
            <Timeline events={detail.timeline} materials={s.materials} staff />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card className="sp-card" title={<h2 className="ms-card-title">{t('application.case.clock')}</h2>}>
            <WorkingDayClock state={a.state} clock={detail.clock} deemedApproval={s.deemedApproval} />
            {a.data.extension && <p className="sp-help">{tk(`application.extension.${a.data.extension.status}`, { days: a.data.extension.days })}</p>}
          </Card>
          <Card className="sp-card" title={<h2 className="ms-card-title">{t('application.case.actions')}</h2>}>
            {offered.length === 0 ? <p className="sp-muted">{t('application.case.noActions')}</p> : (
              <div className="sp-actions">
                {offered.map((x) => <ActionButton key={x.type} type={x.type} icon={x.icon} primary={x.primary} danger={x.danger} shortcut={x.key} onClick={() => setDialog(x.type)} />)}
              </div>
            )}
          </Card>
          <Card className="sp-card" title={<h2 className="ms-card-title">{t('application.documents.title')}</h2>}>
            <DocumentList applicationId={a.id} documents={detail.documents} portal={false} />
          </Card>
        </Col>
      </Row>
      <ActionDialog type={dialog} detail={detail} onClose={() => setDialog(null)} onDone={done} />
    </>
  );
}
