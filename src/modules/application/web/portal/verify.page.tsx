// /portal/verify and /portal/verify/:code: anyone checks a document's verification code and sees what
// the district issued — the kind, the service, the tracking code, the date, the outcome and the masked
// applicant name; never more.
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Skeleton } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../web/api/client.ts';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { useDocumentTitle } from '../../../../web/shell/page-title.ts';
import { applicationApi } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import '../application.css';

/** 12 characters of the unambiguous alphabet (no 0/O, 1/I/L). */
const CODE = /^[A-Za-z0-9]{12}$/;

export function VerifyPage() {
  const { t } = useApplicationI18n();
  const { code } = useParams();
  const navigate = useNavigate();
  const shown = code?.toUpperCase();
  useDocumentTitle(shown ? t('application.verify.titleFor', { code: shown }) : t('application.verify.title'));
  return (
    <>
      <p><Link to="/portal">{t('portal.back')}</Link></p>
      <h1 className="ms-portal-title">{t('application.verify.title')}</h1>
      <p className="ms-portal-lead">{t('application.verify.lead')}</p>
      <Card className="ms-portal-card">
        <Form layout="vertical" requiredMark={false} initialValues={{ code: shown ?? '' }} key={shown ?? ''}
          onFinish={({ code: next }: { code: string }) => navigate(`/portal/verify/${next.trim().replace(/[\s-]/g, '').toUpperCase()}`)}>
          <Form.Item label={t('application.verify.code')} name="code" extra={t('application.verify.codeHelp')}
            rules={[{ required: true, whitespace: true, message: t('application.verify.codeRequired') },
              { validator: (_, v: string | undefined) => (!v || CODE.test(v.trim().replace(/[\s-]/g, '')) ? Promise.resolve() : Promise.reject(new Error(t('application.verify.codeInvalid')))) }]}>
            <Input autoComplete="off" autoCapitalize="characters" spellCheck={false} className="ms-mono" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" icon={<SafetyCertificateOutlined aria-hidden />}>{t('application.verify.submit')}</Button>
        </Form>
      </Card>
      {shown && <VerifyResult code={shown} />}
    </>
  );
}

function VerifyResult({ code }: { code: string }) {
  const { t, tk } = useApplicationI18n();
  const result = useLoad(() => applicationApi.verify(code), [code]);
  if (result.error) {
    const missing = result.error instanceof ApiError && result.error.status === 404;
    return missing
      ? <Alert className="ms-portal-card" type="error" showIcon icon={<CloseCircleFilled aria-hidden />} role="alert" title={t('application.verify.notFound', { code })} description={t('application.verify.notFoundHelp')} />
      : <ErrorAlert error={result.error} />;
  }
  if (!result.data) return <Card className="ms-portal-card"><Skeleton active /></Card>;
  const v = result.data;
  const kind = v.kind === 'decision' && v.outcome ? tk(`application.document.decision.${v.outcome}`) : tk(`application.document.${v.kind}`);
  return (
    <Card className="ms-portal-card sp-outcome" title={<h2 className="ms-card-title"><CheckCircleFilled className="sp-ok-icon" aria-hidden /> {t('application.verify.valid')}</h2>}>
      <Descriptions column={1} size="middle" items={[
        { key: 'kind', label: t('application.verify.kind'), children: kind },
        { key: 'service', label: t('application.field.service'), children: v.serviceName },
        { key: 'tracking', label: t('application.field.code'), children: <span className="ms-mono">{v.trackingCode}</span> },
        { key: 'issued', label: t('application.verify.issuedAt'), children: v.issuedOn },
        ...(v.outcome ? [{ key: 'outcome', label: t('application.verify.outcome'), children: tk(`application.outcome.short.${v.outcome}`) }] : []),
        { key: 'applicant', label: t('application.verify.applicant'), children: v.applicantNameMasked },
        { key: 'sha', label: t('application.verify.sha256'), children: <span className="ms-mono sp-hash">{v.sha256}</span> },
      ]} />
      <p className="sp-help">{t('application.verify.sha256Help')}</p>
    </Card>
  );
}
