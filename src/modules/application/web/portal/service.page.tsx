// /portal/services/:code: one service with its six disclosures, and the way to apply — online (signed in)
// or, for a counter-only service, where to go.
import { FormOutlined, LoginOutlined } from '@ant-design/icons';
import { Alert, Card, Result, Skeleton } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../../web/api/client.ts';
import { useLoad } from '../../../../web/api/use-load.ts';
import { useAuth } from '../../../../web/shell/auth.tsx';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { useDocumentTitle } from '../../../../web/shell/page-title.ts';
import { applicationApi } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import { Disclosures } from '../components/disclosures.tsx';
import { DeemedTag, OnlineTag } from '../components/tags.tsx';
import '../application.css';

export function ServicePage() {
  const { code } = useParams();
  const { t, nameOf } = useApplicationI18n();
  const { session } = useAuth();
  const resident = session.status === 'signed-in' && session.user.kind === 'resident';
  const service = useLoad(() => applicationApi.service(code!), [code]);
  useDocumentTitle(service.data ? nameOf(service.data) : t('application.services.title'));

  if (service.error) {
    const missing = service.error instanceof ApiError && service.error.status === 404;
    return missing
      ? <Result status="404" title={<h1 className="ms-result-title">{t('application.service.notFound')}</h1>} extra={<Link to="/portal/services">{t('application.services.back')}</Link>} />
      : <ErrorAlert error={service.error} />;
  }
  if (!service.data) return <Card className="ms-portal-card"><Skeleton active /></Card>;
  const s = service.data;
  const applyPath = `/portal/services/${s.code}/apply`;

  const apply = s.online ? (
    resident
      ? <Link to={applyPath} className="ms-big-link"><FormOutlined aria-hidden /> {t('application.service.apply')}</Link>
      : <Link to={`/login?as=resident&next=${encodeURIComponent(applyPath)}`} className="ms-big-link"><LoginOutlined aria-hidden /> {t('application.service.signInToApply')}</Link>
  ) : <Alert type="info" showIcon title={t('application.service.counterOnly')} description={s.counterNote ?? t('application.service.counterText')} />;

  return (
    <>
      <p><Link to="/portal/services">{t('application.services.back')}</Link></p>
      <h1 className="ms-portal-title">{nameOf(s)}</h1>
      <p className="sp-service-facts"><span className="ms-mono">{s.code}</span><OnlineTag online={s.online} /><DeemedTag on={s.deemedApproval} /></p>
      <Card className="ms-portal-card"><div className="sp-apply-bar">{apply}</div></Card>
      <Disclosures service={s} />
      {s.online && <Card className="ms-portal-card"><div className="sp-apply-bar">{apply}</div></Card>}
    </>
  );
}
