// /workbench/applications/counter: staff at the one-door counter enter an application on behalf of the
// person in front of them — pick the service (counter-only ones too), then the same form the portal uses.
import { Card, Result, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { PageHeader } from '../../../../web/workbench/page-header.tsx';
import { applicationApi, type Submitted } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import { ApplicationForm } from '../components/application-form.tsx';
import '../application.css';

export function CounterPage() {
  const { t, nameOf } = useApplicationI18n();
  const services = useLoad(() => applicationApi.services(), []);
  const [code, setCode] = useState<string | undefined>();
  const [done, setDone] = useState<Submitted | null>(null);
  const service = services.data?.find((s) => s.code === code);

  if (done) {
    return (
      <Result status="success" title={<h1 className="ms-result-title">{t('application.counter.done', { code: done.trackingCode })}</h1>}
        extra={[
          <Link key="open" to={`/workbench/applications/${done.id}`}>{t('application.counter.open')}</Link>,
          <a key="again" href="/workbench/applications/counter" onClick={(e) => { e.preventDefault(); setDone(null); setCode(undefined); }}>{t('application.counter.again')}</a>,
        ]} />
    );
  }
  return (
    <>
      <PageHeader title={t('application.counter.title')} intro={t('application.counter.intro')} />
      <ErrorAlert error={services.error} />
      <Card className="sp-card">
        <label className="sp-label" htmlFor="sp-counter-service">{t('application.counter.service')}</label>
        {!services.data ? <Skeleton.Input active /> : (
          <Select id="sp-counter-service" className="ms-full-width" showSearch={{ optionFilterProp: 'label' }} value={code} onChange={setCode} autoFocus
            placeholder={t('application.counter.servicePlaceholder')} options={services.data.map((s) => ({ value: s.code, label: `${nameOf(s)}（${s.code}）` }))} />
        )}
      </Card>
      {service && <ApplicationForm key={service.code} service={service} submit={applicationApi.counter} onDone={setDone} portal={false} />}
    </>
  );
}
