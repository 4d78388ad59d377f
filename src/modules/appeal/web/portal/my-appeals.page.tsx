// /portal/appeals: the signed-in resident's appeals, newest first, each leading to its progress page.
import { FormOutlined } from '@ant-design/icons';
import { Card, Empty, Pagination, Skeleton } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { useDocumentTitle } from '../../../../web/shell/page-title.ts';
import { appealApi } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import { StateTag } from '../components/tags.tsx';
import '../appeal.css';

const PAGE_SIZE = 10;

export function MyAppealsPage() {
  const { t } = useAppealI18n();
  useDocumentTitle(t('appeal.mine.title'));
  const [page, setPage] = useState(1);
  const list = useLoad(() => appealApi.list({ page, pageSize: PAGE_SIZE }), [page]);

  return (
    <>
      <p><Link to="/portal">{t('portal.back')}</Link></p>
      <h1 className="ms-portal-title">{t('appeal.mine.title')}</h1>
      <p className="ms-portal-lead">{t('appeal.mine.lead')}</p>
      <ErrorAlert error={list.error} />
      {!list.data ? <Card className="ms-portal-card"><Skeleton active /></Card> : list.data.items.length === 0 ? (
        <Card className="ms-portal-card">
          <Empty description={t('appeal.mine.none')}>
            <Link to="/portal/appeals/new" className="ms-big-link"><FormOutlined aria-hidden /> {t('appeal.portal.submit.action')}</Link>
          </Empty>
        </Card>
      ) : (
        <>
          <ul className="ap-mine-list">
            {list.data.items.map((item) => (
              <li key={item.id}>
                <Card className="ms-portal-card">
                  <div className="ap-mine-head">
                    <Link to={`/portal/track/${item.trackingCode}`} className="ap-mine-title">{item.title}</Link>
                    <StateTag state={item.state} />
                  </div>
                  <p className="ap-muted">
                    <span className="ms-mono">{item.trackingCode}</span> · {t('appeal.mine.raisedAt', { at: formatDateTime(item.createdAt) })}
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
