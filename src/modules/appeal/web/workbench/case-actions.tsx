// The actions a staff member may take on an appeal now, drawn from the case's `abilities`: each is a
// button, and each that needs more than a click is a small form (a unit to dispatch to, a reason, days…).
// Commands go to POST /api/cases/:id/commands with the version the page shows, so two people cannot
// unknowingly overwrite each other.
import {
  CheckOutlined, CloseCircleOutlined, CommentOutlined, EditOutlined, EyeOutlined, FieldTimeOutlined, MergeCellsOutlined, RedoOutlined,
  RiseOutlined, RollbackOutlined, SendOutlined, SmileOutlined, UserSwitchOutlined,
} from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../../../web/api/client.ts';
import { ErrorAlert, errorLine, shownOnForm } from '../../../../web/shell/errors.tsx';
import type { JurisdictionNode } from '../../../../web/workbench/jurisdiction-tree.ts';
import { JurisdictionTreeSelect } from '../../../../web/workbench/jurisdiction-tree-select.tsx';
import { appealApi, RATINGS, type AppealCase, type Command } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import type { AppealKey } from '../../locales/zh-CN.ts';

/** The order actions are offered in, with their icons and the key that opens each. */
export const ACTIONS: Array<{ type: string; icon: ReactNode; key: string; primary?: boolean }> = [
  { type: 'sign_for', icon: <CheckOutlined />, key: 'S', primary: true },
  { type: 'reply', icon: <CommentOutlined />, key: 'A', primary: true },
  { type: 'dispatch', icon: <SendOutlined />, key: 'D', primary: true },
  { type: 'designate', icon: <UserSwitchOutlined />, key: 'G' },
  { type: 'record_follow_up', icon: <SmileOutlined />, key: 'F', primary: true },
  { type: 'close', icon: <CloseCircleOutlined />, key: 'C' },
  { type: 'return', icon: <RollbackOutlined />, key: 'B' },
  { type: 'escalate', icon: <RiseOutlined />, key: 'E' },
  { type: 'request_extension', icon: <FieldTimeOutlined />, key: 'X' },
  { type: 'decide_extension', icon: <FieldTimeOutlined />, key: 'Y', primary: true },
  { type: 'reopen', icon: <RedoOutlined />, key: 'R' },
  { type: 'supervise', icon: <EyeOutlined />, key: 'V' },
  { type: 'merge_into', icon: <MergeCellsOutlined />, key: 'M' },
  { type: 'note', icon: <EditOutlined />, key: 'N' },
];

/** Units an appeal can be handed to: everything but grid cells. */
function withoutGrids(nodes: JurisdictionNode[]): JurisdictionNode[] {
  return nodes.filter((n) => n.kind !== 'grid').map((n) => ({ ...n, children: withoutGrids(n.children) }));
}

type Values = Record<string, unknown>;

interface FormSpec {
  fields: ReactNode;
  toCommand: (values: Values) => Promise<Command> | Command;
  intro?: ReactNode;
}

export function ActionDialog({ type, appeal, roots, onClose, onDone }: {
  type: string | null;
  appeal: AppealCase;
  roots: JurisdictionNode[];
  onClose: () => void;
  onDone: (type: string) => void;
}) {
  const { t } = useAppealI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!type) return null;
  const spec = formSpec(type, appeal, roots, t);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      const command = await spec.toCommand(values);
      await appealApi.command(appeal.id, command, appeal.version);
      form.resetFields();
      onDone(type!);
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t(`appeal.action.${type}` as AppealKey)} onCancel={onClose} destroyOnHidden
      okText={t(`appeal.action.${type}.submit` as AppealKey)} cancelText={t('common.cancel')} okButtonProps={{ loading: busy, htmlType: 'submit', form: 'ap-action-form' }}>
      {spec.intro}
      <ErrorAlert error={error} />
      <Form id="ap-action-form" form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} preserve={false}>
        {spec.fields}
      </Form>
    </Modal>
  );
}

function formSpec(type: string, appeal: AppealCase, roots: JurisdictionNode[], t: ReturnType<typeof useAppealI18n>['t']): FormSpec {
  const reasonRule = [{ required: true, whitespace: true, min: 2, message: t('appeal.reason.required') }];
  const optional = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const reason = (label: AppealKey) => (
    <Form.Item name="reason" label={t(label)} rules={reasonRule}><Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} /></Form.Item>
  );
  const note = (
    <Form.Item name="note" label={t('appeal.action.noteOptional')}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} /></Form.Item>
  );
  switch (type) {
    case 'dispatch':
    case 'designate':
      return {
        intro: type === 'designate' ? <p>{t('appeal.action.designate.intro')}</p> : undefined,
        fields: (
          <>
            <Form.Item name="unitId" label={t('appeal.action.unit')} rules={[{ required: true, message: t('appeal.action.unitRequired') }]}>
              <JurisdictionTreeSelect roots={withoutGrids(roots)} autoFocus />
            </Form.Item>
            {note}
          </>
        ),
        toCommand: (v) => ({ type, unitId: v.unitId, ...(optional(v.note) ? { note: optional(v.note) } : {}) }),
      };
    case 'return':
      return { intro: <p>{t('appeal.action.return.intro')}</p>, fields: reason('appeal.action.return.reason'), toCommand: (v) => ({ type, reason: String(v.reason).trim() }) };
    case 'escalate':
      return { intro: <p>{t('appeal.action.escalate.intro')}</p>, fields: reason('appeal.action.escalate.reason'), toCommand: (v) => ({ type, reason: String(v.reason).trim() }) };
    case 'reopen':
      return { fields: reason('appeal.reopen.reason'), toCommand: (v) => ({ type, reason: String(v.reason).trim() }) };
    case 'request_extension':
      return {
        fields: (
          <>
            <Form.Item name="days" label={t('appeal.action.days')} rules={[{ required: true, type: 'integer', min: 1, max: 60, message: t('appeal.action.daysRange') }]}>
              <InputNumber min={1} max={60} precision={0} autoFocus className="ap-number" />
            </Form.Item>
            {reason('appeal.action.extension.reason')}
          </>
        ),
        toCommand: (v) => ({ type, days: Number(v.days), reason: String(v.reason).trim() }),
      };
    case 'decide_extension':
      return {
        intro: appeal.data.extension && (
          <p>{t('appeal.action.decide.intro', { days: appeal.data.extension.days, reason: appeal.data.extension.reason ?? '' })}</p>
        ),
        fields: (
          <>
            <Form.Item name="approve" label={t('appeal.action.decide.question')} rules={[{ required: true, message: t('appeal.action.decide.required') }]}>
              <Radio.Group options={[{ value: true, label: t('appeal.action.decide.approve') }, { value: false, label: t('appeal.action.decide.reject') }]} />
            </Form.Item>
            {note}
          </>
        ),
        toCommand: (v) => ({ type, approve: Boolean(v.approve), ...(optional(v.note) ? { note: optional(v.note) } : {}) }),
      };
    case 'reply':
      return {
        intro: <p>{t('appeal.action.reply.intro')}</p>,
        fields: (
          <>
            <Form.Item name="text" label={t('appeal.action.reply.text')} rules={[{ required: true, whitespace: true, message: t('appeal.action.reply.required') }]}>
              <Input.TextArea autoFocus autoSize={{ minRows: 5, maxRows: 12 }} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item name="internalNote" label={t('appeal.action.reply.internal')} extra={t('appeal.action.reply.internalHelp')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        ),
        toCommand: (v) => ({ type, text: String(v.text).trim(), ...(optional(v.internalNote) ? { internalNote: optional(v.internalNote) } : {}) }),
      };
    case 'record_follow_up':
      return {
        intro: <p>{t('appeal.action.followUp.intro')}</p>,
        fields: (
          <>
            <Form.Item name="rating" label={t('appeal.rate.question')} rules={[{ required: true, message: t('appeal.rate.required') }]}>
              <Radio.Group optionType="button" options={RATINGS.map((r) => ({ value: r, label: t(`appeal.rating.${r}`) }))} />
            </Form.Item>
            <Form.Item name="comment" label={t('appeal.rate.comment')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} /></Form.Item>
          </>
        ),
        toCommand: (v) => ({ type, rating: v.rating, ...(optional(v.comment) ? { comment: optional(v.comment) } : {}) }),
      };
    case 'close':
      return { intro: <p>{t('appeal.action.close.intro')}</p>, fields: note, toCommand: (v) => ({ type, ...(optional(v.note) ? { note: optional(v.note) } : {}) }) };
    case 'supervise':
      return {
        intro: <p>{t('appeal.action.supervise.intro')}</p>,
        fields: (
          <>
            <Form.Item name="note" label={t('appeal.action.supervise.note')} rules={[{ required: true, whitespace: true, message: t('appeal.action.supervise.required') }]}>
              <Input.TextArea autoFocus autoSize={{ minRows: 3 }} maxLength={1000} />
            </Form.Item>
            <Form.Item name="dueAt" label={t('appeal.action.supervise.due')} extra={t('appeal.action.supervise.dueHelp')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="ms-full-width" />
            </Form.Item>
          </>
        ),
        toCommand: (v) => ({ type, note: String(v.note).trim(), ...(v.dueAt ? { dueAt: (v.dueAt as Dayjs).toISOString() } : {}) }),
      };
    case 'merge_into':
      return {
        intro: <p>{t('appeal.action.merge.intro')}</p>,
        fields: (
          <Form.Item name="parent" label={t('appeal.action.merge.parent')} extra={t('appeal.action.merge.help')} rules={[{ required: true, whitespace: true, message: t('appeal.action.merge.required') }]}>
            <Input autoFocus className="ms-mono" placeholder="SQ260303-ABC123" />
          </Form.Item>
        ),
        toCommand: async (v) => {
          const given = String(v.parent).trim();
          if (/^[0-9a-f-]{36}$/i.test(given)) return { type, parentId: given.toLowerCase() };
          const found = (await appealApi.list({ q: given.toUpperCase(), pageSize: 5 })).items.find((i) => i.trackingCode === given.toUpperCase());
          if (!found) throw new ApiError(400, 'validation_failed', t('appeal.action.merge.notFound', { code: given }), { issues: [{ field: 'parent', message: t('appeal.action.merge.notFound', { code: given }) }] });
          if (found.id === appeal.id) throw new ApiError(400, 'validation_failed', t('appeal.action.merge.self'), { issues: [{ field: 'parent', message: t('appeal.action.merge.self') }] });
          return { type, parentId: found.id };
        },
      };
    case 'note':
      return {
        fields: (
          <Form.Item name="text" label={t('appeal.action.note.text')} extra={t('appeal.action.note.help')} rules={[{ required: true, whitespace: true, message: t('appeal.action.note.required') }]}>
            <Input.TextArea autoFocus autoSize={{ minRows: 3 }} maxLength={2000} />
          </Form.Item>
        ),
        toCommand: (v) => ({ type, text: String(v.text).trim() }),
      };
    default:
      return { fields: null, toCommand: () => ({ type }) };
  }
}

/** Sign-for needs no form: one press, confirmed by the result. */
export function useSignFor(appeal: AppealCase, onDone: (type: string) => void) {
  const { t } = useAppealI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await appealApi.command(appeal.id, { type: 'sign_for' }, appeal.version);
      onDone('sign_for');
    } catch (e) {
      message.error(errorLine(t, e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

export function ActionButton({ type, icon, primary, shortcut, loading, onClick }: { type: string; icon: ReactNode; primary?: boolean | undefined; shortcut: string; loading?: boolean; onClick: () => void }) {
  const { t } = useAppealI18n();
  return (
    <Button type={primary ? 'primary' : 'default'} icon={<span aria-hidden className="ap-action-icon">{icon}</span>} block onClick={onClick} loading={loading} aria-keyshortcuts={shortcut} className="ap-action-button">
      <span>{t(`appeal.action.${type}` as AppealKey)}</span>
      <kbd className={primary ? 'ap-kbd ap-kbd-light' : 'ap-kbd'} aria-hidden>{shortcut}</kbd>
    </Button>
  );
}
