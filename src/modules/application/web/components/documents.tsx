// The documents issued on an application (acknowledgement, request for missing materials, decision,
// certificate): each a PDF to download, with its verification code to give to whoever must check it.
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { documentUrl, type DocumentRef } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';

export function DocumentList({ applicationId, documents, portal }: { applicationId: string; documents: DocumentRef[]; portal: boolean }) {
  const { t, tk } = useApplicationI18n();
  if (documents.length === 0) return <p className="sp-muted">{t('application.documents.none')}</p>;
  return (
    <ul className="sp-docs">
      {documents.map((d) => {
        const name = d.kind === 'decision' && d.outcome ? tk(`application.document.decision.${d.outcome}`) : tk(`application.document.${d.kind}`);
        return (
          <li key={d.id}>
            <div>
              <div className="sp-doc-name">{name}</div>
              <div className="sp-muted">
                {t('application.documents.issued', { at: formatDateTime(d.issuedAt) })} · {t('application.documents.code')}
                <span className="ms-mono" data-testid={`code-${d.kind}`}>{d.verificationCode}</span>
              </div>
            </div>
            <span className="sp-apply-bar">
              <a href={documentUrl(applicationId, d.id)} className={portal ? 'ms-big-link' : undefined} download>
                <DownloadOutlined aria-hidden /> {t('application.documents.download')}<span className="ms-visually-hidden">{t('application.documents.named', { name })}</span>
              </a>
              {portal && (
                <Link to={`/portal/verify/${d.verificationCode}`}>
                  <SafetyCertificateOutlined aria-hidden /> {t('application.documents.verify')}<span className="ms-visually-hidden">{t('application.documents.named', { name })}</span>
                </Link>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
