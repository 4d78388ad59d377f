// Pages for the roads that lead nowhere: no permission, no such page.
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from './i18n.tsx';
import { useDocumentTitle } from './page-title.ts';

export function ForbiddenPage() {
  const { t } = useI18n();
  useDocumentTitle(t('status.forbidden.title'));
  return <Result status="403" title={<h1 className="ms-result-title">{t('status.forbidden.title')}</h1>} subTitle={t('status.forbidden.text')} />;
}

/** The body of a "no such page" answer; the caller decides which landmark holds it. */
export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  useDocumentTitle(t('status.notFound.title'));
  return (
    <Result
      status="404"
      title={<h1 className="ms-result-title">{t('status.notFound.title')}</h1>}
      subTitle={t('status.notFound.text')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('status.notFound.home')}</Button>}
    />
  );
}

export function StandaloneNotFoundPage() {
  return (
    <main className="ms-center-screen">
      <NotFoundPage />
    </main>
  );
}
