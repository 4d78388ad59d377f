// /workbench/appeals/open311: the api_keys other systems (a city hotline platform, an app) use to file
// appeals through Open311 GeoReport v2. Only a digest of each key is kept, so a key is shown once, when issued.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert, errorLine, shownOnForm } from '../../../../web/shell/errors.tsx';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { PageHeader } from '../../../../web/workbench/page-header.tsx';
import { SecretOnce } from '../../../../web/workbench/secret-once.tsx';
import { useAppealI18n } from '../appeal.i18n.ts';
import { adminApi, type Open311Key } from './appeal-admin.api.ts';

function IssueModal({ open, onClose, onIssued }: { open: boolean; onClose: () => void; onIssued: () => void }) {
  const { t } = useAppealI18n();
  const [form] = Form.useForm<{ name: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);

  async function issue({ name }: { name: string }) {
    setBusy(true);
    setError(null);
    try {
      const key = await adminApi.issueOpen311Key(name.trim());
      setIssued(key.key);
      onIssued();
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  function close() {
    setIssued(null);
    setError(null);
    onClose();
  }

  return (
    <Modal open={open} title={t('appeal.open311.issue.title')} onCancel={close} destroyOnHidden
      footer={issued
        ? <Button type="primary" onClick={close}>{t('token.done')}</Button>
        : <Space><Button onClick={close}>{t('common.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>{t('appeal.open311.issue.submit')}</Button></Space>}>
      {issued ? (
        <SecretOnce id="newOpen311Key" label={t('appeal.open311.key')} warning={t('appeal.open311.once')} secret={issued} />
      ) : (
        <Form form={form} name="open311Issue" layout="vertical" onFinish={issue} disabled={busy}>
          <ErrorAlert error={error} />
          <Form.Item label={t('appeal.open311.field.name')} name="name" extra={t('appeal.open311.field.name.help')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={80} autoFocus />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function Open311KeysPage() {
  const { t } = useAppealI18n();
  const { message } = App.useApp();
  const keys = useLoad(() => adminApi.open311Keys(), []);
  const [issuing, setIssuing] = useState(false);
  const configured = keys.data?.configuredAtStart ?? 0;

  async function revoke(key: Open311Key) {
    try {
      await adminApi.revokeOpen311Key(key.id);
      message.success(t('appeal.open311.revoked', { name: key.name }));
      keys.reload();
    } catch (e) {
      message.error(errorLine(t, e));
    }
  }

  return (
    <>
      <PageHeader title={t('appeal.open311.title')} intro={t('appeal.open311.intro')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>{t('appeal.open311.issue')}</Button>} />
      <ErrorAlert error={keys.error} />
      {configured > 0 && <Alert className="ms-form-alert" type="info" showIcon title={t('appeal.open311.configured', { n: configured })} />}
      <Card>
        <Table<Open311Key>
          rowKey="id"
          loading={keys.loading}
          dataSource={keys.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('appeal.open311.none') }}
          columns={[
            { key: 'name', title: t('appeal.open311.field.name'), dataIndex: 'name' },
            {
              key: 'state', title: t('token.field.state'),
              render: (_, k) => (k.revokedAt ? <Tag className="ms-tag-muted">{t('token.state.revoked')}</Tag> : <Tag className="ms-tag-ok">{t('token.state.active')}</Tag>),
            },
            { key: 'createdAt', title: t('appeal.open311.field.createdAt'), render: (_, k) => formatDateTime(k.createdAt) },
            { key: 'revokedAt', title: t('appeal.open311.field.revokedAt'), render: (_, k) => formatDateTime(k.revokedAt) },
            {
              key: 'actions', title: t('common.actions'),
              render: (_, k) => !k.revokedAt && (
                <Popconfirm title={t('appeal.open311.revoke.confirm', { name: k.name })} okText={t('token.revoke')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => revoke(k)}>
                  <Button size="small" danger aria-label={t('appeal.open311.revoke.for', { name: k.name })}>{t('token.revoke')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <IssueModal open={issuing} onClose={() => setIssuing(false)} onIssued={keys.reload} />
    </>
  );
}
