// /workbench/users: staff accounts and their roles, searchable and paged.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Page, Staff } from '../../api/shell.types.ts';
import { useLoad } from '../../api/use-load.ts';
import { useCan } from '../../shell/auth.tsx';
import { ErrorAlert } from '../../shell/errors.tsx';
import { useI18n } from '../../shell/i18n.tsx';
import { JurisdictionTreeSelect } from '../jurisdiction-tree-select.tsx';
import { PageHeader } from '../page-header.tsx';
import { useJurisdictions } from '../use-jurisdictions.ts';
import { GrantTag, useManageableRoots } from './grants.tsx';
import { UserCreateDrawer } from './user-create.drawer.tsx';
import { UserManageDrawer } from './user-manage.drawer.tsx';
import { StatusTag } from './user-status.tsx';

interface Filter {
  q?: string;
  jurisdictionId?: string;
}

export function UsersPage() {
  const { t } = useI18n();
  const can = useCan();
  const tree = useJurisdictions();
  const manageable = useManageableRoots(tree.roots);
  const [filter, setFilter] = useState<Filter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [managing, setManaging] = useState<string | null>(null);
  const list = useLoad(() => api.get<Page<Staff>>('/api/users', { ...filter, ...paging }), [filter, paging]);

  return (
    <>
      <PageHeader
        title={t('user.title')}
        extra={can('user.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('user.create')}</Button>}
      />
      <Card>
        <Form<Filter> name="userFilter" layout="inline" className="ms-filter" onFinish={(values) => {
          setFilter({ ...(values.q?.trim() && { q: values.q.trim() }), ...(values.jurisdictionId && { jurisdictionId: values.jurisdictionId }) });
          setPaging((p) => ({ ...p, page: 1 }));
        }}>
          <Form.Item label={t('user.filter.q')} name="q"><Input allowClear maxLength={64} /></Form.Item>
          <Form.Item label={t('user.filter.unit')} name="jurisdictionId">
            <JurisdictionTreeSelect roots={tree.roots} allowClear className="ms-filter-unit" />
          </Form.Item>
          <Button type="primary" htmlType="submit">{t('common.search')}</Button>
        </Form>
        <ErrorAlert error={list.error} />
        <Table<Staff>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { key: 'username', title: t('user.field.username'), dataIndex: 'username' },
            { key: 'displayName', title: t('user.field.displayName'), dataIndex: 'displayName' },
            { key: 'grants', title: t('user.field.grants'), render: (_, s) => <Space size={[0, 4]} wrap>{s.grants.map((g) => <GrantTag key={g.id} grant={g} />)}</Space> },
            { key: 'status', title: t('user.field.status'), render: (_, s) => <StatusTag staff={s} /> },
            {
              key: 'actions', title: t('common.actions'),
              render: (_, s) => (
                <Button size="small" onClick={() => setManaging(s.id)} aria-label={t(can('user.manage') ? 'user.manage.for' : 'user.view.for', { username: s.username })}>
                  {can('user.manage') ? t('user.manage') : t('common.view')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <UserCreateDrawer open={creating} roots={manageable} onClose={() => setCreating(false)} onCreated={() => { setCreating(false); list.reload(); }} />
      <UserManageDrawer userId={managing} roots={manageable} onClose={() => setManaging(null)} onChanged={list.reload} />
    </>
  );
}
