import { useEffect } from 'react';
import { useI18n } from './i18n.tsx';

/** "<page> · 民生" in the browser tab, in the current language. */
export function useDocumentTitle(page: string): void {
  const { t } = useI18n();
  const app = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} · ${app}` : app;
  }, [page, app]);
}
