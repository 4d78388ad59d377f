// /portal/services/:code/apply: a signed-in resident applies online — who applies, the materials (each
// uploaded as it is picked), a note — and gets the application's tracking code and a link to follow it.
import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Card, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { useDocumentTitle } from '../../../../web/shell/page-title.ts';
import { applicationApi, type Submitted } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import { ApplicationForm } from '../components/application-form.tsx';
import '../application.css';

export function ApplyPage() {
  const { code } = useParams();
  const { t, nameOf } = useApplicationI18n();
  const service = useLoad(() => applicationApi.service(code!), [code]);
  const [done, setDone] = useState<Submitted | null>(null);
  useDocumentTitle(service.data ? t('application.apply.titleFor', { name: nameOf(service.data) }) : t('application.apply.title'));

  if (service.error) return <ErrorAlert error={service.error} />;
  if (!service.data) return <Card className="ms-portal-card"><Skeleton active /></Card>;
  const s = service.data;

  if (done) {
    return (
      <Card className="ms-portal-card">
        <Result
          icon={<CheckCircleFilled className="sp-done-icon" aria-hidden />}
          title={<h1 className="ms-portal-title">{t('application.apply.done')}</h1>}
          subTitle={(
            <div>
              <p>{t('application.apply.codeIs')}</p>
              <p className="sp-code" data-testid="tracking-code">{done.trackingCode}</p>
              <p>{t('application.apply.next', { days: s.promisedDays })}</p>
            </div>
          )}
          extra={[<Link key="open" to={`/portal/applications/${done.id}`} className="ms-big-link">{t('application.apply.follow')}</Link>]}
        />
      </Card>
    );
  }

  return (
    <>
      <p><Link to={`/portal/services/${s.code}`}>{t('application.apply.backToService')}</Link></p>
      <h1 className="ms-portal-title">{t('application.apply.titleFor', { name: nameOf(s) })}</h1>
      <p className="ms-portal-lead">{t('application.apply.lead', { days: s.promisedDays })}</p>
      {!s.online
        ? <Alert type="warning" showIcon title={t('application.service.counterOnly')} description={s.counterNote ?? t('application.service.counterText')} />
        : <ApplicationForm service={s} submit={applicationApi.apply} onDone={setDone} portal />}
    </>
  );
}
