// A secret the server hands over once (an API token, an Open311 key): a warning that it will not be
// shown again, the secret in a read-only field, and a copy button.
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Space } from 'antd';
import { useI18n } from '../shell/i18n.tsx';

export function SecretOnce({ id, label, warning, secret }: { id: string; label: string; warning: string; secret: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      message.success(t('secret.copied'));
    } catch {
      message.error(t('secret.copyFailed'));
    }
  }

  return (
    <>
      <Alert type="warning" showIcon className="ms-form-alert" title={warning} />
      <label htmlFor={id} className="ms-label">{label}</label>
      <Space.Compact className="ms-full-width">
        <Input id={id} readOnly value={secret} className="ms-mono" onFocus={(e) => e.target.select()} />
        <Button icon={<CopyOutlined />} onClick={copy}>{t('secret.copy')}</Button>
      </Space.Compact>
    </>
  );
}
