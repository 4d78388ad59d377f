// /portal/applications: the signed-in resident's applications, newest first, each leading to its page.
import { AppstoreOutlined } from '@ant-design/icons';
import { Card, Empty, Pagination, Skeleton } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { useDocumentTitle } from '../../../../web/shell/page-title.ts';
import { applicationApi } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import { StateTag } from '../components/tags.tsx';
import '../application.css';

const PAGE_SIZE = 10;

export function MyApplicationsPage() {
  const { t } = useApplicationI18n();
  useDocumentTitle(t('application.mine.title'));
  const [page, setPage] = useState(1);
  const list = useLoad(() => applicationApi.list({ page, pageSize: PAGE_SIZE }), [page]);

  return (
    <>
      <p><Link to="/portal">{t('portal.back')}</Link></p>
      <h1 className="ms-portal-title">{t('application.mine.title')}</h1>
      <p className="ms-portal-lead">{t('application.mine.lead')}</p>
      <ErrorAlert error={list.error} />
      {!list.data ? <Card className="ms-portal-card"><Skeleton active /></Card> : list.data.items.length === 0 ? (
        <Card className="ms-portal-card">
          <Empty description={t('application.mine.none')}>
            <Link to="/portal/services" className="ms-big-link"><AppstoreOutlined aria-hidden /> {t('application.portal.services.action')}</Link>
          </Empty>
        </Card>
      ) : (
        <>
          <ul className="sp-mine-list">
            {list.data.items.map((item) => (
              <li key={item.id}>
                <Card className="ms-portal-card">
                  <div className="sp-mine-head">
                    <Link to={`/portal/applications/${item.id}`} className="sp-mine-title">{item.serviceName ?? item.title}</Link>
                    <span><StateTag state={item.state} /></span>
                  </div>
                  <p className="sp-muted">
                    <span className="ms-mono">{item.trackingCode}</span> · {t('application.mine.appliedAt', { at: formatDateTime(item.createdAt) })}
                  </p>
                </Card>
              </li>
            ))}
          </ul>
          {list.data.total > PAGE_SIZE && <Pagination current={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} showSizeChanger={false} />}
        </>
      )}
    </>
  );
}
