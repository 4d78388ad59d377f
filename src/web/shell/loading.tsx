// What shows while the first page loads, and when rendering fails outright.
import { Button, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { useRouteError } from 'react-router';
import { useI18n } from './i18n.tsx';

export function LoadingScreen() {
  const { t } = useI18n();
  return (
    <div className="ms-center-screen" role="status">
      <Spin size="large" />
      <span className="ms-visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

export function CrashPage() {
  const error = useRouteError();
  const { t } = useI18n();
  useEffect(() => console.error('The page failed to render', error), [error]);
  return (
    <main className="ms-center-screen">
      <Result
        status="error"
        title={<h1 className="ms-result-title">{t('status.crash.title')}</h1>}
        subTitle={t('status.crash.text')}
        extra={<Button type="primary" onClick={() => window.location.reload()}>{t('status.crash.reload')}</Button>}
      />
    </main>
  );
}
