// /workbench/services: the district edits its service catalogue — every service with its six disclosures,
// materials, time limits, handling unit and joint units, online or counter only, deemed approval, and
// whether residents see it. Changes are audited by the server and apply to new applications.
import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Drawer, Form, Input, InputNumber, Select, Skeleton, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert, shownOnForm } from '../../../../web/shell/errors.tsx';
import { JurisdictionTreeSelect } from '../../../../web/workbench/jurisdiction-tree-select.tsx';
import { PageHeader } from '../../../../web/workbench/page-header.tsx';
import { useJurisdictions } from '../../../../web/workbench/use-jurisdictions.ts';
import { applicationApi, LEVELS, type Service, type ServiceInput } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import { DeemedTag, OnlineTag } from '../components/tags.tsx';
import '../application.css';

export function ServicesAdminPage() {
  const { t, tk, nameOf } = useApplicationI18n();
  const list = useLoad(() => applicationApi.allServices(), []);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);

  return (
    <>
      <PageHeader title={t('application.admin.title')} intro={t('application.admin.intro')}
        extra={<Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>{t('application.admin.add')}</Button>} />
      <ErrorAlert error={list.error} />
      {!list.data ? <Skeleton active /> : (
        <Table<Service> rowKey="code" dataSource={list.data} pagination={{ pageSize: 20, hideOnSinglePage: true }} size="middle"
          columns={[
            { title: t('application.admin.code'), dataIndex: 'code', render: (v: string) => <span className="ms-mono">{v}</span> },
            { title: t('application.admin.name'), render: (_, s) => <>{nameOf(s)} {!s.active && <span className="sp-muted">（{t('application.admin.inactive')}）</span>}</> },
            { title: t('application.service.level'), render: (_, s) => tk(`application.level.${s.level}`) },
            { title: t('application.admin.limits'), render: (_, s) => t('application.admin.limitsText', { promised: s.promisedDays, statutory: s.statutoryDays }) },
            { title: t('application.admin.flags'), render: (_, s) => <Space wrap><OnlineTag online={s.online} /><DeemedTag on={s.deemedApproval} /></Space> },
            { title: t('application.admin.actions'), render: (_, s) => <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(s)} aria-label={t('application.admin.editNamed', { name: nameOf(s) })}>{t('application.admin.edit')}</Button> },
          ]} />
      )}
      {editing && <ServiceDrawer service={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} />}
    </>
  );
}

interface Values extends Omit<ServiceInput, 'procedure' | 'legalBasis'> {
  procedure: string;
  legalBasis: string;
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function ServiceDrawer({ service, onClose, onSaved }: { service: Service | null; onClose: () => void; onSaved: () => void }) {
  const { t, tk } = useApplicationI18n();
  const { message } = App.useApp();
  const tree = useJurisdictions();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const initial: Partial<Values> = service
    ? { ...service, procedure: service.procedure.join('\n'), legalBasis: service.legalBasis.join('\n'), counterNote: service.counterNote ?? '', unitKind: service.unitKind ?? '' }
    : { statutoryDays: 20, promisedDays: 20, level: 'street', online: true, deemedApproval: false, active: true, jointUnitIds: [], materials: [], fees: '不收费' };

  async function save(values: Values) {
    setBusy(true);
    setError(null);
    try {
      const body: ServiceInput = {
        ...values,
        procedure: lines(values.procedure),
        legalBasis: lines(values.legalBasis),
        handlingUnitId: values.handlingUnitId ?? null,
        unitKind: values.unitKind?.trim() || null,
        counterNote: values.counterNote?.trim() || null,
        jointUnitIds: values.jointUnitIds ?? [],
        materials: (values.materials ?? []).map(({ code, name, required, copies, note, templateText }) => ({
          code, name, required: Boolean(required), copies: Number(copies ?? 1), note: note?.trim() || null, templateText: templateText?.trim() || null,
        })),
      };
      if (service) {
        const { code: _code, ...rest } = body;
        await applicationApi.updateService(service.code, rest);
      } else await applicationApi.createService(body);
      message.success(t('application.admin.saved'));
      onSaved();
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer open size="large" title={service ? t('application.admin.editTitle', { code: service.code }) : t('application.admin.add')} onClose={onClose} destroyOnHidden
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={busy} htmlType="submit" form="sp-service-form">{t('application.admin.save')}</Button></Space>}>
      <ErrorAlert error={error} />
      <Form id="sp-service-form" form={form} layout="vertical" requiredMark={false} initialValues={initial} onFinish={(v) => void save(v)}>
        <Form.Item name="code" label={t('application.admin.code')} rules={[{ required: true, pattern: /^[A-Z][A-Z0-9_-]{1,31}$/, message: t('application.admin.codeRule') }]}>
          <Input disabled={Boolean(service)} className="ms-mono" maxLength={32} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('application.admin.nameZh')} rules={[{ required: true, whitespace: true }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="nameEn" label={t('application.admin.nameEn')} rules={[{ required: true, whitespace: true }]}><Input maxLength={120} /></Form.Item>
        <Form.Item name="content" label={t('application.disclose.content')} rules={[{ required: true, whitespace: true }]}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} /></Form.Item>
        <Form.Item name="procedure" label={t('application.disclose.procedure')} extra={t('application.admin.oneLine')} rules={[{ required: true, whitespace: true }]}><Input.TextArea autoSize={{ minRows: 3 }} /></Form.Item>
        <Form.Item name="fees" label={t('application.disclose.fees')} rules={[{ required: true, whitespace: true }]}><Input maxLength={300} /></Form.Item>
        <Form.Item name="legalBasis" label={t('application.disclose.basis')} extra={t('application.admin.oneLine')} rules={[{ required: true, whitespace: true }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
        <fieldset className="sp-fieldset">
          <legend className="sp-label">{t('application.disclose.materials')}</legend>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap className="sp-material-edit">
                    <Form.Item name={[field.name, 'code']} label={t('application.admin.materialCode')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_-]{0,31}$/, message: t('application.admin.materialCodeRule') }]}><Input className="ms-mono" /></Form.Item>
                    <Form.Item name={[field.name, 'name']} label={t('application.material.name')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
                    <Form.Item name={[field.name, 'copies']} label={t('application.material.copiesCol')} initialValue={1}><InputNumber min={1} max={20} precision={0} /></Form.Item>
                    <Form.Item name={[field.name, 'required']} valuePropName="checked" label={t('application.material.requiredCol')} initialValue><Checkbox /></Form.Item>
                    <Form.Item name={[field.name, 'note']} label={t('application.admin.materialNote')}><Input /></Form.Item>
                    <Form.Item name={[field.name, 'templateText']} label={t('application.admin.template')}><Input.TextArea autoSize={{ minRows: 1 }} /></Form.Item>
                    <Button type="text" danger icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)} aria-label={t('application.admin.removeMaterial')} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ required: true, copies: 1 })}>{t('application.admin.addMaterial')}</Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <Space wrap>
          <Form.Item name="statutoryDays" label={t('application.service.statutory')} rules={[{ required: true }]}><InputNumber min={1} max={60} precision={0} addonAfter={t('application.admin.days')} /></Form.Item>
          <Form.Item name="promisedDays" label={t('application.service.promised')} dependencies={['statutoryDays']}
            rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_, v: number) => (v <= Number(getFieldValue('statutoryDays')) ? Promise.resolve() : Promise.reject(new Error(t('application.admin.promisedRule')))) })]}>
            <InputNumber min={1} max={60} precision={0} addonAfter={t('application.admin.days')} />
          </Form.Item>
        </Space>
        <Form.Item name="level" label={t('application.service.level')} rules={[{ required: true }]}>
          <Select options={LEVELS.map((l) => ({ value: l, label: tk(`application.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="unitKind" label={t('application.admin.unitKind')} extra={t('application.admin.unitKindHelp')}>
          <Input className="ms-mono" maxLength={32} />
        </Form.Item>
        <Form.Item name="handlingUnitId" label={t('application.service.unit')} extra={t('application.admin.unitHelp')}>
          <JurisdictionTreeSelect roots={tree.roots} allowClear />
        </Form.Item>
        <Form.Item name="jointUnitIds" label={t('application.service.joint')} extra={t('application.admin.jointHelp')}>
          <JurisdictionTreeSelect roots={tree.roots} multiple allowClear />
        </Form.Item>
        <Form.Item name="online" valuePropName="checked" label={t('application.admin.online')}><Switch /></Form.Item>
        <Form.Item name="counterNote" label={t('application.admin.counterNote')} dependencies={['online']}
          rules={[({ getFieldValue }) => ({ validator: (_, v?: string | null) => (getFieldValue('online') || v?.trim() ? Promise.resolve() : Promise.reject(new Error(t('application.admin.counterNoteRule')))) })]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="deemedApproval" valuePropName="checked" label={t('application.service.deemed')} extra={t('application.admin.deemedHelp')}><Switch /></Form.Item>
        <Form.Item name="active" valuePropName="checked" label={t('application.admin.active')}><Switch /></Form.Item>
      </Form>
    </Drawer>
  );
}
