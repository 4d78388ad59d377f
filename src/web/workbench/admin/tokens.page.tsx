// /workbench/tokens: the user's API tokens for other systems. A new token is shown once.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { ApiToken } from '../../api/shell.types.ts';
import { useLoad } from '../../api/use-load.ts';
import { ErrorAlert, errorLine } from '../../shell/errors.tsx';
import { formatDateTime } from '../../shell/format.ts';
import { useI18n } from '../../shell/i18n.tsx';
import { PageHeader } from '../page-header.tsx';
import { TokenCreateModal } from './token-create.modal.tsx';

function TokenState({ token }: { token: ApiToken }) {
  const { t } = useI18n();
  if (token.revokedAt) return <Tag className="ms-tag-muted">{t('token.state.revoked')}</Tag>;
  if (token.expiresAt && token.expiresAt <= new Date().toISOString()) return <Tag className="ms-tag-muted">{t('token.state.expired')}</Tag>;
  return <Tag className="ms-tag-ok">{t('token.state.active')}</Tag>;
}

export function TokensPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const tokens = useLoad(() => api.get<{ items: ApiToken[] }>('/api/tokens').then((a) => a.items), []);
  const [creating, setCreating] = useState(false);

  async function revoke(token: ApiToken) {
    try {
      await api.delete(`/api/tokens/${token.id}`);
      message.success(t('token.revoked', { name: token.name }));
      tokens.reload();
    } catch (e) {
      message.error(errorLine(t, e));
    }
  }

  return (
    <>
      <PageHeader title={t('token.title')} intro={t('token.intro')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('token.create')}</Button>} />
      <ErrorAlert error={tokens.error} />
      <Card>
        <Table<ApiToken>
          rowKey="id"
          loading={tokens.loading}
          dataSource={tokens.data ?? []}
          pagination={false}
          locale={{ emptyText: t('token.none') }}
          columns={[
            { key: 'name', title: t('token.field.name'), dataIndex: 'name' },
            { key: 'scopes', title: t('token.field.scopes'), render: (_, tk) => <Space size={[0, 4]} wrap>{tk.scopes.map((s) => <Tag key={s}>{t(`permission.${s}`)}</Tag>)}</Space> },
            { key: 'state', title: t('token.field.state'), render: (_, tk) => <TokenState token={tk} /> },
            { key: 'expiresAt', title: t('token.field.expiresAt'), render: (_, tk) => (tk.expiresAt ? formatDateTime(tk.expiresAt) : t('token.noExpiry')) },
            { key: 'lastUsedAt', title: t('token.field.lastUsedAt'), render: (_, tk) => formatDateTime(tk.lastUsedAt) },
            { key: 'createdAt', title: t('token.field.createdAt'), render: (_, tk) => formatDateTime(tk.createdAt) },
            {
              key: 'actions', title: t('common.actions'),
              render: (_, tk) => !tk.revokedAt && (
                <Popconfirm title={t('token.revoke.confirm', { name: tk.name })} okText={t('token.revoke')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => revoke(tk)}>
                  <Button size="small" danger aria-label={t('token.revoke.for', { name: tk.name })}>{t('token.revoke')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <TokenCreateModal open={creating} onClose={() => setCreating(false)} onCreated={tokens.reload} />
    </>
  );
}
