// What the resident who raised an appeal may do with it now (its `abilities`): rate the reply,
// ask for it to be handled again after an unsatisfied rating, or withdraw it while it is open.
import { Alert, Button, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { ErrorAlert, shownOnForm } from '../../../../web/shell/errors.tsx';
import { appealApi, RATINGS, type Rating } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';

interface Props {
  caseId: string;
  version: number;
  abilities: string[];
  onDone: () => void;
}

export function ResidentActions({ caseId, version, abilities, onDone }: Props) {
  return (
    <>
      {abilities.includes('rate') && <RateForm caseId={caseId} version={version} onDone={onDone} />}
      {abilities.includes('reopen') && <ReopenForm caseId={caseId} version={version} onDone={onDone} />}
      {abilities.includes('withdraw') && <WithdrawButton caseId={caseId} version={version} onDone={onDone} />}
    </>
  );
}

function RateForm({ caseId, version, onDone }: Omit<Props, 'abilities'>) {
  const { t } = useAppealI18n();
  const [form] = Form.useForm<{ rating: Rating; comment?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: { rating: Rating; comment?: string }) {
    setBusy(true);
    setError(null);
    try {
      await appealApi.command(caseId, { type: 'rate', rating: values.rating, ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}) }, version);
      onDone();
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="ap-resident-action" aria-labelledby="ap-rate-title">
      <h2 className="ms-card-title" id="ap-rate-title">{t('appeal.rate.title')}</h2>
      <p>{t('appeal.rate.lead')}</p>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="rating" label={t('appeal.rate.question')} rules={[{ required: true, message: t('appeal.rate.required') }]}>
          <Radio.Group className="ap-rating-options" optionType="button" buttonStyle="solid"
            options={RATINGS.map((r) => ({ value: r, label: t(`appeal.rating.${r}`) }))} />
        </Form.Item>
        <Form.Item name="comment" label={t('appeal.rate.comment')} rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" loading={busy}>{t('appeal.rate.submit')}</Button>
      </Form>
    </section>
  );
}

function ReopenForm({ caseId, version, onDone }: Omit<Props, 'abilities'>) {
  const { t } = useAppealI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit({ reason }: { reason: string }) {
    setBusy(true);
    setError(null);
    try {
      await appealApi.command(caseId, { type: 'reopen', reason: reason.trim() }, version);
      onDone();
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="ap-resident-action" aria-labelledby="ap-reopen-title">
      <h2 className="ms-card-title" id="ap-reopen-title">{t('appeal.reopen.title')}</h2>
      <Alert type="info" showIcon title={t('appeal.reopen.lead')} className="ms-form-alert" />
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('appeal.reopen.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('appeal.reason.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" loading={busy}>{t('appeal.reopen.submit')}</Button>
      </Form>
    </section>
  );
}

function WithdrawButton({ caseId, version, onDone }: Omit<Props, 'abilities'>) {
  const { t } = useAppealI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function withdraw() {
    setBusy(true);
    setError(null);
    try {
      await appealApi.command(caseId, { type: 'withdraw', ...(reason.trim() ? { reason: reason.trim() } : {}) }, version);
      setOpen(false);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="ap-resident-action ap-withdraw">
      <Button danger size="large" onClick={() => setOpen(true)}>{t('appeal.withdraw.button')}</Button>
      <Modal open={open} title={t('appeal.withdraw.title')} onCancel={() => setOpen(false)} onOk={() => void withdraw()}
        okText={t('appeal.withdraw.confirm')} okButtonProps={{ danger: true, loading: busy }} cancelText={t('common.cancel')} destroyOnHidden>
        <p>{t('appeal.withdraw.text')}</p>
        <ErrorAlert error={error} />
        <label htmlFor="ap-withdraw-reason" className="ap-label">{t('appeal.withdraw.reason')}</label>
        <Input.TextArea id="ap-withdraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} autoSize={{ minRows: 2 }} />
      </Modal>
    </section>
  );
}
