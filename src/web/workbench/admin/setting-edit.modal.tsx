// Setting one value for a unit (PUT /api/settings): a time limit as an amount and a unit of time, or a
// whole number. It applies to the unit and the units under it that set none of their own.
import { App, Col, Form, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { SettingKind } from '../../modules.registry.ts';
import { ErrorAlert, shownOnForm } from '../../shell/errors.tsx';
import { useI18n } from '../../shell/i18n.tsx';
import { DURATION_UNITS, isDuration, type Duration } from './setting-value.ts';

export interface EditedSetting {
  key: string;
  label: string;
  kind: SettingKind;
  /** the value in force now, if any */
  value: unknown;
}

interface Values {
  value: Duration | number;
}

export function SettingEditModal({ setting, jurisdictionId, unitName, onClose, onSaved }: {
  setting: EditedSetting | null;
  jurisdictionId: string;
  unitName: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // The form starts from the value in force, when it has the shape this setting takes.
  const current = setting && (setting.kind === 'duration' ? isDuration(setting.value) : typeof setting.value === 'number') ? { value: setting.value } : {};

  function close() {
    setError(null);
    onClose();
  }

  async function save({ value }: Values) {
    if (!setting) return;
    setBusy(true);
    setError(null);
    try {
      await api.put('/api/settings', { jurisdictionId, key: setting.key, value });
      message.success(t('settings.saved', { label: setting.label, unit: unitName }));
      onSaved();
      close();
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  const required = { required: true, message: t('form.required') };
  return (
    <Modal open={setting !== null} title={setting && t('settings.edit.title', { label: setting.label })} onCancel={close} onOk={() => form.submit()}
      okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ loading: busy }} destroyOnHidden>
      <p className="ms-card-intro">{t('settings.edit.intro', { unit: unitName })}</p>
      <Form form={form} key={setting?.key} name="settingEdit" layout="vertical" onFinish={save} disabled={busy} initialValues={current}>
        <ErrorAlert error={error} />
        {setting?.kind === 'duration' ? (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={t('settings.field.amount')} name={['value', 'amount']} rules={[required]}>
                <InputNumber min={0} max={10_000} precision={0} autoFocus className="ms-full-width" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={t('settings.field.timeUnit')} name={['value', 'unit']} rules={[required]}>
                <Select options={DURATION_UNITS.map((u) => ({ value: u, label: t(`settings.unit.${u}`) }))} />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Form.Item label={t('settings.field.number')} name="value" rules={[required]}>
            <InputNumber min={0} precision={0} autoFocus />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
