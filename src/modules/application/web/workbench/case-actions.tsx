// The actions a staff member may take on an application now, drawn from its `abilities`: a button each,
// and a small form for those that need more than a click (the complete list of missing materials, a
// pause's reason, an extension's reason, a joint unit's opinion, a refusal's reasons). Commands go to
// POST /api/cases/:id/commands with the version the page shows.
import {
  AuditOutlined, CheckCircleOutlined, CheckOutlined, CloseCircleOutlined, CommentOutlined, FieldTimeOutlined, FileExclamationOutlined,
  PauseCircleOutlined, PlayCircleOutlined, StopOutlined,
} from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useState, type ReactNode } from 'react';
import { ErrorAlert, shownOnForm } from '../../../../web/shell/errors.tsx';
import { applicationApi, PAUSE_REASONS, serviceOf, type ApplicationDetail, type Command } from '../application.api.ts';
import { useApplicationI18n, type ApplicationT } from '../application.i18n.ts';

/** The order actions are offered in, with their icons and the key that opens each. */
export const ACTIONS: Array<{ type: string; icon: ReactNode; key: string; primary?: boolean; danger?: boolean }> = [
  { type: 'accept', icon: <CheckOutlined />, key: 'A', primary: true },
  { type: 'request_materials', icon: <FileExclamationOutlined />, key: 'M' },
  { type: 'approve', icon: <CheckCircleOutlined />, key: 'P', primary: true },
  { type: 'reject', icon: <CloseCircleOutlined />, key: 'J', danger: true },
  { type: 'give_opinion', icon: <CommentOutlined />, key: 'O', primary: true },
  { type: 'pause', icon: <PauseCircleOutlined />, key: 'Z' },
  { type: 'resume', icon: <PlayCircleOutlined />, key: 'R', primary: true },
  { type: 'request_extension', icon: <FieldTimeOutlined />, key: 'X' },
  { type: 'approve_extension', icon: <AuditOutlined />, key: 'Y', primary: true },
  { type: 'refuse_extension', icon: <StopOutlined />, key: 'N' },
];

type Values = Record<string, unknown>;

interface FormSpec {
  fields: ReactNode;
  toCommand: (values: Values) => Command;
  intro?: ReactNode;
}

export function ActionDialog({ type, detail, onClose, onDone }: { type: string | null; detail: ApplicationDetail; onClose: () => void; onDone: (type: string) => void }) {
  const { t, tk } = useApplicationI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!type) return null;
  const spec = formSpec(type, detail, t, tk);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      const command = spec.toCommand(values);
      if (command.type === 'give_opinion') await applicationApi.opinion(detail.case.id, { agree: Boolean(command.agree), text: String(command.text) }, detail.case.version);
      else await applicationApi.command(detail.case.id, command, detail.case.version);
      form.resetFields();
      onDone(type!);
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={tk(`application.action.${type}`)} onCancel={onClose} destroyOnHidden
      okText={tk(`application.action.${type}.submit`)} cancelText={t('common.cancel')} okButtonProps={{ loading: busy, htmlType: 'submit', form: 'sp-action-form' }}>
      {spec.intro}
      <ErrorAlert error={error} />
      <Form id="sp-action-form" form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} preserve={false}>
        {spec.fields}
      </Form>
    </Modal>
  );
}

function formSpec(type: string, detail: ApplicationDetail, t: ApplicationT, tk: (key: string, params?: Record<string, string | number>) => string): FormSpec {
  const optional = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const reasonRule = [{ required: true, whitespace: true, min: 2, message: t('application.action.reasonRequired') }];
  const note = (
    <Form.Item name="note" label={t('application.action.noteOptional')}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} /></Form.Item>
  );
  const withNote = (v: Values) => (optional(v.note) ? { note: optional(v.note) } : {});
  switch (type) {
    case 'accept':
      return { intro: <p>{t('application.action.accept.intro')}</p>, fields: note, toCommand: (v) => ({ type, ...withNote(v) }) };
    case 'request_materials':
      return {
        intro: <p>{t('application.action.request_materials.intro')}</p>,
        fields: (
          <>
            <Form.Item name="codes" rules={[{ required: true, type: 'array', min: 1, message: t('application.action.request_materials.required') }]}>
              <Checklist legend={t('application.action.request_materials.which')} options={serviceOf(detail).materials.map((m) => ({ value: m.code, label: m.name }))} />
            </Form.Item>
            <Form.Item name="note" label={t('application.action.request_materials.note')} rules={reasonRule}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
            </Form.Item>
          </>
        ),
        toCommand: (v) => ({ type, codes: v.codes as string[], note: String(v.note).trim() }),
      };
    case 'pause':
      return {
        intro: <p>{t('application.action.pause.intro')}</p>,
        fields: (
          <>
            <Form.Item name="reason" label={t('application.action.pause.reason')} rules={[{ required: true, message: t('application.action.reasonRequired') }]}>
              <Radio.Group options={PAUSE_REASONS.map((r) => ({ value: r, label: tk(`application.pause.${r}`) }))} />
            </Form.Item>
            {note}
          </>
        ),
        toCommand: (v) => ({ type, reason: v.reason, ...withNote(v) }),
      };
    case 'resume':
      return { intro: <p>{t('application.action.resume.intro')}</p>, fields: note, toCommand: (v) => ({ type, ...withNote(v) }) };
    case 'request_extension':
      return {
        intro: <p>{t('application.action.request_extension.intro', { days: serviceOf(detail).jointUnitIds.length > 0 ? 15 : 10 })}</p>,
        fields: (
          <Form.Item name="reason" label={t('application.action.request_extension.reason')} extra={t('application.action.request_extension.help')} rules={reasonRule}>
            <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
          </Form.Item>
        ),
        toCommand: (v) => ({ type, reason: String(v.reason).trim() }),
      };
    case 'approve_extension':
    case 'refuse_extension':
      return {
        intro: detail.case.data.extension && <p>{t('application.action.extension.intro', { days: detail.case.data.extension.days, reason: detail.case.data.extension.reason })}</p>,
        fields: note,
        toCommand: (v) => ({ type, ...withNote(v) }),
      };
    case 'give_opinion':
      return {
        intro: <p>{t('application.action.give_opinion.intro')}</p>,
        fields: (
          <>
            <Form.Item name="agree" label={t('application.action.give_opinion.question')} rules={[{ required: true, message: t('application.action.give_opinion.required') }]}>
              <Radio.Group options={[{ value: true, label: t('application.opinion.agree') }, { value: false, label: t('application.opinion.disagree') }]} />
            </Form.Item>
            <Form.Item name="text" label={t('application.action.give_opinion.text')} rules={reasonRule}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
            </Form.Item>
          </>
        ),
        toCommand: (v) => ({ type, agree: Boolean(v.agree), text: String(v.text).trim() }),
      };
    case 'approve':
      return { intro: <p>{t('application.action.approve.intro')}</p>, fields: note, toCommand: (v) => ({ type, ...withNote(v) }) };
    case 'reject':
      return {
        intro: <p>{t('application.action.reject.intro')}</p>,
        fields: (
          <Form.Item name="reasons" label={t('application.action.reject.reasons')} rules={reasonRule}>
            <Input.TextArea autoFocus autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} />
          </Form.Item>
        ),
        toCommand: (v) => ({ type, reasons: String(v.reasons).trim() }),
      };
    default:
      return { fields: note, toCommand: (v) => ({ type, ...withNote(v) }) };
  }
}

/**
 * The service's materials as a checklist under a legend. It takes only the value and onChange a form field
 * hands it: the ARIA attributes a field adds to its control belong to no role a group of checkboxes has.
 */
function Checklist({ legend, options, value, onChange }: { legend: string; options: Array<{ value: string; label: string }>; value?: string[]; onChange?: (value: string[]) => void }) {
  return (
    <fieldset className="sp-fieldset sp-checklist">
      <legend className="sp-label">{legend}</legend>
      <Checkbox.Group value={value ?? []} onChange={(v) => onChange?.(v as string[])} options={options} />
    </fieldset>
  );
}

export function ActionButton({ type, icon, primary, danger, shortcut, onClick }: { type: string; icon: ReactNode; primary?: boolean | undefined; danger?: boolean | undefined; shortcut: string; onClick: () => void }) {
  const { tk } = useApplicationI18n();
  return (
    <Button type={primary ? 'primary' : 'default'} danger={danger} icon={<span aria-hidden>{icon}</span>} block onClick={onClick} aria-keyshortcuts={shortcut} className="sp-action-button">
      <span>{tk(`application.action.${type}`)}</span>
      <kbd className={primary ? 'sp-kbd sp-kbd-light' : 'sp-kbd'} aria-hidden>{shortcut}</kbd>
    </Button>
  );
}
