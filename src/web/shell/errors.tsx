// Turning an ApiError into words for the reader: a translated headline by error code, with the
// server's own sentence (which names the offending thing) as the detail.
import { Alert, type FormInstance } from 'antd';
import { ApiError, showFieldIssues } from '../api/client.ts';
import { useI18n, type Translate } from './i18n.tsx';
import type { MessageKey } from './locales/index.ts';

const KNOWN_CODES = new Set([
  'validation_failed', 'bad_request', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'version_conflict',
  'invalid_transition', 'rate_limited', 'payload_too_large', 'unsupported_media_type', 'account_locked',
  'calendar_year_not_covered', 'internal', 'network',
]);

export function errorTitle(t: Translate, error: unknown): string {
  if (error instanceof ApiError && KNOWN_CODES.has(error.code)) return t(`error.${error.code}` as MessageKey);
  return t('error.unknown');
}

/** One line for a toast: the headline, and the server's sentence when it adds something. */
export function errorLine(t: Translate, error: unknown): string {
  const title = errorTitle(t, error);
  return error instanceof ApiError && error.code !== 'network' && error.message ? `${title}${t('common.colon')}${error.message}` : title;
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const description = error instanceof ApiError
    ? [error.message, error.requestId ? t('error.requestId', { id: error.requestId }) : ''].filter(Boolean).join(' · ')
    : undefined;
  return <Alert className="ms-form-alert" type="error" showIcon role="alert" title={title ?? errorTitle(t, error)} description={description} />;
}

/**
 * Puts the error's field issues on the form. True when that says it all; false when the error
 * still needs to be shown elsewhere (no field issues, or some naming no field of this form).
 */
export function shownOnForm(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.issues.length === 0) return false;
  return showFieldIssues(form, error).length === 0;
}
