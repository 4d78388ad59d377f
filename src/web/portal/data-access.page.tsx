// /portal/data-access: "who viewed my data" — every time staff looked at or revealed the resident's
// personal details, with the purpose they gave.
import { Card, Skeleton } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { DataAccessEntry } from '../api/shell.types.ts';
import { useLoad } from '../api/use-load.ts';
import { ErrorAlert } from '../shell/errors.tsx';
import { formatDateTime } from '../shell/format.ts';
import { useI18n } from '../shell/i18n.tsx';
import type { MessageKey } from '../shell/locales/index.ts';
import { useDocumentTitle } from '../shell/page-title.ts';

const FIELD_KEYS: Record<string, MessageKey> = {
  name: 'person.field.name', phone: 'person.field.phone', email: 'person.field.email', idNumber: 'person.field.idNumber', address: 'person.field.address',
};

export function DataAccessPage() {
  const { t } = useI18n();
  useDocumentTitle(t('portal.dataAccess.title'));
  const log = useLoad(() => api.get<{ items: DataAccessEntry[] }>('/api/me/data-access').then((a) => a.items), []);
  const fieldName = (f: string) => (FIELD_KEYS[f] ? t(FIELD_KEYS[f]) : f);

  return (
    <>
      <p><Link to="/portal">{t('portal.back')}</Link></p>
      <h1 className="ms-portal-title">{t('portal.dataAccess.title')}</h1>
      <p className="ms-portal-lead">{t('portal.dataAccess.lead')}</p>
      <ErrorAlert error={log.error} />
      <Card className="ms-portal-card">
        {!log.data ? <Skeleton active={log.loading} /> : log.data.length === 0 ? <p>{t('portal.dataAccess.none')}</p> : (
            <ul className="ms-list ms-access-list">
              {log.data.map((e, i) => (
                <li key={`${e.at}-${i}`}>
                  <div>
                    <p className="ms-access-line">
                      {t(e.action === 'person.reveal' ? 'portal.dataAccess.revealed' : 'portal.dataAccess.viewed', { at: formatDateTime(e.at), viewer: e.viewer })}
                    </p>
                    {e.fields.length > 0 && <p>{t('portal.dataAccess.fields', { fields: e.fields.map(fieldName).join(t('common.listSeparator')) })}</p>}
                    {e.purpose && <p>{t('portal.dataAccess.purpose', { purpose: e.purpose })}</p>}
                  </div>
                </li>
              ))}
            </ul>
        )}
      </Card>
    </>
  );
}
