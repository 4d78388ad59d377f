// The application form, shared by the portal (a resident applies for themself) and the counter (staff
// enter an application on behalf of someone at the window): who applies (a person or an organisation),
// where they live when the service is handled by their community or street, each material, and a note.
// Required materials are checked here before anything is sent; the server's field issues land on the
// fields they name.
import { Alert, Button, Card, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../../web/api/client.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { useElderlyMode } from '../../../../web/portal/elderly-mode.tsx';
import type { ApplyBody, Service, Submitted } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import { useCommunityOptions } from '../places.ts';
import { idNumberValid } from './id-number.ts';
import { MaterialsUpload, type MaterialFiles } from './material-upload.tsx';

const PHONE = /^1[3-9]\d{9}$/;

const ORG_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/i;

interface Values {
  kind: 'person' | 'organisation';
  name: string;
  idNumber?: string;
  orgCode?: string;
  phone: string;
  placeId?: string;
  note?: string;
}

export function ApplicationForm({ service, submit, onDone, portal }: {
  service: Service;
  submit: (body: ApplyBody) => Promise<Submitted>;
  onDone: (answer: Submitted) => void;
  portal: boolean;
}) {
  const { t, nameOf } = useApplicationI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'person';
  const places = useCommunityOptions(nameOf);
  const [files, setFiles] = useState<MaterialFiles>({});
  const [uploading, setUploading] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const needsPlace = !service.handlingUnitId;
  const { elderly } = useElderlyMode();

  async function send() {
    setError(null);
    let values: Values;
    const absent = service.materials.filter((m) => m.required && !(files[m.code]?.length)).map((m) => m.code);
    setMissing(absent);
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (absent.length > 0) {
      document.querySelector(`[data-material="${absent[0]}"]`)?.scrollIntoView({ block: 'center' });
      return;
    }
    setBusy(true);
    try {
      const clean = (v?: string) => (v && v.trim() ? v.trim() : undefined);
      const body: ApplyBody = {
        serviceCode: service.code,
        applicant: {
          kind: values.kind, name: values.name.trim(), phone: values.phone.trim(),
          ...(values.kind === 'person' && clean(values.idNumber) ? { idNumber: clean(values.idNumber)!.toUpperCase() } : {}),
          ...(values.kind === 'organisation' && clean(values.orgCode) ? { orgCode: clean(values.orgCode)!.toUpperCase() } : {}),
        },
        ...(values.placeId ? { placeId: values.placeId } : {}),
        materials: Object.entries(files).map(([code, attachmentIds]) => ({ code, attachmentIds })),
        ...(clean(values.note) ? { note: clean(values.note) } : {}),
      };
      onDone(await submit(body));
    } catch (e) {
      let placed = false;
      if (e instanceof ApiError) {
        for (const issue of e.issues) {
          const field = issue.field.replace(/^body\./, '').replace(/^applicant\./, '');
          if (['kind', 'name', 'idNumber', 'orgCode', 'phone', 'placeId', 'note'].includes(field)) {
            form.setFields([{ name: field as keyof Values, errors: [issue.message] }]);
            placed = true;
          }
        }
      }
      if (!placed) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ kind: 'person' }} className="sp-apply-form">
        <Card className={portal ? 'ms-portal-card sp-step' : 'sp-card'} title={<h2 className="ms-card-title">{t('application.apply.who')}</h2>}>
          <Form.Item name="kind" label={t('application.apply.kind')}>
            <Radio.Group optionType="button" options={[{ value: 'person', label: t('application.apply.person') }, { value: 'organisation', label: t('application.apply.organisation') }]} />
          </Form.Item>
          <Form.Item name="name" label={kind === 'person' ? t('application.apply.name') : t('application.apply.orgName')}
            rules={[{ required: true, whitespace: true, message: t('application.apply.nameRequired') }, { max: 60 }]}>
            <Input autoComplete={kind === 'person' ? 'name' : 'organization'} maxLength={60} />
          </Form.Item>
          {kind === 'person' ? (
            <Form.Item name="idNumber" label={t('application.apply.idNumber')} extra={t('application.apply.idNumberHelp')}
              rules={[{ required: true, whitespace: true, message: t('application.apply.idNumberInvalid') },
                { validator: (_, v: string | undefined) => (!v?.trim() || idNumberValid(v) ? Promise.resolve() : Promise.reject(new Error(t('application.apply.idNumberInvalid')))) }]}>
              <Input maxLength={18} autoComplete="off" spellCheck={false} />
            </Form.Item>
          ) : (
            <Form.Item name="orgCode" label={t('application.apply.orgCode')} rules={[{ required: true, message: t('application.apply.orgCodeInvalid') }, { pattern: ORG_CODE, message: t('application.apply.orgCodeInvalid') }]}>
              <Input maxLength={18} autoComplete="off" spellCheck={false} />
            </Form.Item>
          )}
          <Form.Item name="phone" label={t('application.apply.phone')} extra={t('application.apply.phoneHelp')}
            rules={[{ required: true, message: t('application.apply.phoneInvalid') }, { pattern: PHONE, message: t('application.apply.phoneInvalid') }]}>
            <Input inputMode="tel" autoComplete="tel" maxLength={11} />
          </Form.Item>
          {needsPlace && (
            <Form.Item name="placeId" label={t('application.apply.place')} extra={t('application.apply.placeHelp')}
              rules={[{ required: true, message: t('application.apply.placeRequired') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={places.options} placeholder={t('application.apply.placePlaceholder')} aria-label={t('application.apply.place')} />
            </Form.Item>
          )}
        </Card>

        <Card className={portal ? 'ms-portal-card sp-step' : 'sp-card'} title={<h2 className="ms-card-title">{t('application.apply.materials')}</h2>}>
          <p className="sp-help">{t('application.apply.materialsHelp')}</p>
          <MaterialsUpload serviceCode={service.code} materials={service.materials} invalid={missing}
            onChange={(f, isBusy) => { setFiles(f); setUploading(isBusy); setMissing((m) => m.filter((code) => !(f[code]?.length))); }} />
        </Card>

        {/* 适老化: fewer steps — the optional note is left out in the elderly-friendly mode. */}
        {!(portal && elderly) && (
          <Card className={portal ? 'ms-portal-card sp-step' : 'sp-card'} title={<h2 className="ms-card-title">{t('application.apply.noteTitle')}</h2>}>
            <Form.Item name="note" label={t('application.apply.note')} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
            </Form.Item>
          </Card>
        )}
        {service.deemedApproval && <Alert className={portal ? 'ms-portal-card' : 'sp-card'} type="success" showIcon title={t('application.deemed.text', { days: service.promisedDays })} />}
      </Form>
      {missing.length > 0 && <Alert className="ms-form-alert" type="error" showIcon role="alert" title={t('application.apply.missing', { n: missing.length })} />}
      <Button type="primary" size="large" block className="sp-submit" loading={busy} disabled={uploading} onClick={() => void send()}>
        {uploading ? t('application.upload.wait') : portal ? t('application.apply.send') : t('application.counter.send')}
      </Button>
    </>
  );
}
