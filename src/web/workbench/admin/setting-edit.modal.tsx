// Setting one value for a unit (PUT /api/settings): a time limit as an amount and a unit of time, a whole
// number, or weights as one percentage per part (refused here unless each is 0–100% and together 100%; the
// server applies the same rule). It applies to the unit and the units under it that set none of their own.
import { App, Col, Form, InputNumber, Modal, Row, Select, type FormInstance } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { SettingKind } from '../../modules.registry.ts';
import { ErrorAlert, shownOnForm } from '../../shell/errors.tsx';
import { useI18n } from '../../shell/i18n.tsx';
import { DURATION_UNITS, isDuration, isWeights, percentTotal, percentWeightsProblem, toPercent, weightLabelKey, weightsFromPercents, type Duration } from './setting-value.ts';

export interface EditedSetting {
  key: string;
  label: string;
  kind: SettingKind;
  /** the value in force now, if any */
  value: unknown;
  /** a weights setting's parts, in order */
  parts: string[];
}

/** Weights are edited as percentages, part by part. */
type Percents = Record<string, number | null>;

interface Values {
  value: Duration | number | Percents;
}

/** The initial values: the value in force when it has the shape this setting takes (weights as percentages). */
function initialValues(setting: EditedSetting | null): Partial<Values> {
  if (!setting) return {};
  if (setting.kind === 'duration') return isDuration(setting.value) ? { value: setting.value } : {};
  if (setting.kind === 'weights') {
    const weights = isWeights(setting.value) ? setting.value : {};
    return { value: Object.fromEntries(setting.parts.map((part) => [part, typeof weights[part] === 'number' ? toPercent(weights[part]) : null])) };
  }
  return typeof setting.value === 'number' ? { value: setting.value } : {};
}

/** The percentages entered for these parts (the form's store may still hold another setting's fields). */
function percentsOf(value: unknown, parts: string[]): Percents {
  const entered = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return Object.fromEntries(parts.map((part) => [part, typeof entered[part] === 'number' ? entered[part] : null]));
}

/** The total of the percentages entered so far, kept up to date as they change (the form's "total" field). */
function WeightsTotal({ id, form, parts }: { id?: string; form: FormInstance<Values>; parts: string[] }) {
  const value: unknown = Form.useWatch('value', form);
  return <output id={id}>{percentTotal(percentsOf(value, parts))}</output>;
}

export function SettingEditModal({ setting, jurisdictionId, unitName, onClose, onSaved }: {
  setting: EditedSetting | null;
  jurisdictionId: string;
  unitName: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, tx } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // The form starts from the value in force, when it has the shape this setting takes.
  const current = initialValues(setting);

  function close() {
    setError(null);
    onClose();
  }

  async function save({ value }: Values) {
    if (!setting) return;
    setBusy(true);
    setError(null);
    try {
      const sent = setting.kind === 'weights' ? weightsFromPercents(percentsOf(value, setting.parts)) : value;
      await api.put('/api/settings', { jurisdictionId, key: setting.key, value: sent });
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
  const parts = setting?.kind === 'weights' ? setting.parts : [];
  const percentInRange = {
    validator: async (_: unknown, percent: number | null | undefined) => {
      if (typeof percent === 'number' && percentWeightsProblem({ percent }) === 'range') throw new Error(t('settings.weights.range'));
    },
  };
  const addsUp = {
    validator: async () => {
      const percents = percentsOf(form.getFieldValue('value'), parts);
      if (percentWeightsProblem(percents) === 'sum') throw new Error(t('settings.weights.sum', { total: percentTotal(percents) }));
    },
  };
  return (
    <Modal open={setting !== null} title={setting && t('settings.edit.title', { label: setting.label })} onCancel={close} onOk={() => form.submit()}
      okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ loading: busy }} destroyOnHidden>
      <p className="ms-card-intro">{t('settings.edit.intro', { unit: unitName })}</p>
      {/* clearOnDestroy: each opening starts from the value in force, not from what was typed (or another setting's shape) last time. */}
      <Form form={form} key={setting?.key} name="settingEdit" layout="vertical" onFinish={save} disabled={busy} initialValues={current} clearOnDestroy>
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
        ) : setting?.kind === 'weights' ? (
          <>
            <p className="ms-muted">{t('settings.weights.intro')}</p>
            <Row gutter={12}>
              {parts.map((part, i) => (
                <Col span={8} key={part}>
                  <Form.Item label={tx(weightLabelKey(setting.key, part))} name={['value', part]} rules={[required, percentInRange]}>
                    <InputNumber step={5} suffix="%" autoFocus={i === 0} className="ms-full-width" />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            {/* Not sent: the total of the parts, refused unless it is 100% (checked again as the parts change, once saving was tried). */}
            <Form.Item layout="horizontal" label={t('settings.field.weightsTotal')} name="weightsTotal" dependencies={parts.map((part) => ['value', part])} rules={[addsUp]}>
              <WeightsTotal form={form} parts={parts} />
            </Form.Item>
          </>
        ) : (
          <Form.Item label={t('settings.field.number')} name="value" rules={[required]}>
            <InputNumber min={0} precision={0} autoFocus />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
