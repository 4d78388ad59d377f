// Routing rules: appeals of a category raised in an area (the district, a street or a community, with
// everything under it) go straight to a unit. They win over the category's level; of several rules for the
// same category, the one with the nearest area applies. The list (with delete) and a form to add one.
import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, Popconfirm, Row, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import type { JurisdictionSummary } from '../../../../web/api/shell.types.ts';
import { ErrorAlert, errorLine, shownOnForm } from '../../../../web/shell/errors.tsx';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { withoutKinds, type JurisdictionNode } from '../../../../web/workbench/jurisdiction-tree.ts';
import { JurisdictionTreeSelect } from '../../../../web/workbench/jurisdiction-tree-select.tsx';
import { useAppealI18n } from '../appeal.i18n.ts';
import { adminApi, type AdminCategory, type RoutingRule } from './appeal-admin.api.ts';

interface Values {
  categoryCode: string;
  areaId: string;
  targetUnitId: string;
  note?: string;
}

export function RoutingRules({ rules, categories, roots, units, loading, onChanged }: {
  rules: RoutingRule[];
  categories: AdminCategory[];
  roots: JurisdictionNode[];
  units: Map<string, JurisdictionSummary>;
  loading: boolean;
  onChanged: () => void;
}) {
  const { t, nameOf } = useAppealI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const byCode = useMemo(() => new Map(categories.map((c) => [c.code, c])), [categories]);
  const categoryOptions = useMemo(() => categories.filter((c) => !c.parentCode).map((g) => ({
    label: nameOf(g),
    options: categories.filter((c) => c.parentCode === g.code).map((c) => ({
      value: c.code,
      label: c.active ? nameOf(c) : t('appeal.admin.rule.inactive', { name: nameOf(c) }),
    })),
  })), [categories, nameOf, t]);
  const areaRoots = useMemo(() => withoutKinds(roots, ['department', 'grid']), [roots]);
  const targetRoots = useMemo(() => withoutKinds(roots, ['grid']), [roots]);

  const categoryName = (code: string) => (byCode.get(code) ? nameOf(byCode.get(code)!) : code);
  const unitName = (id: string, fallback: string | null) => (units.get(id) ? nameOf(units.get(id)!) : fallback ?? id);
  const describe = (r: RoutingRule) => t('appeal.admin.rule.describe', { category: categoryName(r.categoryCode), area: unitName(r.areaId, r.areaNameZh) });

  async function add(values: Values) {
    setBusy(true);
    setError(null);
    try {
      await adminApi.createRule({ categoryCode: values.categoryCode, areaId: values.areaId, targetUnitId: values.targetUnitId, ...(values.note?.trim() && { note: values.note.trim() }) });
      message.success(t('appeal.admin.rule.added', { category: categoryName(values.categoryCode), area: unitName(values.areaId, null), target: unitName(values.targetUnitId, null) }));
      form.resetFields();
      onChanged();
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove(rule: RoutingRule) {
    try {
      await adminApi.deleteRule(rule.id);
      message.success(t('appeal.admin.rule.deleted', { rule: describe(rule) }));
      onChanged();
    } catch (e) {
      message.error(errorLine(t, e));
    }
  }

  const required = { required: true, message: t('form.required') };
  return (
    <>
      <Table<RoutingRule>
        rowKey="id"
        loading={loading}
        dataSource={rules}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('appeal.admin.rule.none') }}
        columns={[
          { key: 'category', title: t('appeal.field.category'), render: (_, r) => categoryName(r.categoryCode) },
          { key: 'area', title: t('appeal.admin.rule.area'), render: (_, r) => unitName(r.areaId, r.areaNameZh) },
          { key: 'target', title: t('appeal.admin.rule.target'), render: (_, r) => unitName(r.targetUnitId, r.targetNameZh) },
          { key: 'note', title: t('appeal.admin.rule.note'), render: (_, r) => r.note ?? '—' },
          { key: 'createdAt', title: t('appeal.admin.rule.createdAt'), render: (_, r) => formatDateTime(r.createdAt) },
          {
            key: 'actions', title: t('common.actions'),
            render: (_, r) => (
              <Popconfirm title={t('appeal.admin.rule.delete.confirm', { rule: describe(r) })} okText={t('common.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => remove(r)}>
                <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('appeal.admin.rule.delete', { rule: describe(r) })} />
              </Popconfirm>
            ),
          },
        ]}
      />
      <section className="ms-block-top" aria-labelledby="routingRuleAdd">
        <h3 className="ms-section-title" id="routingRuleAdd">{t('appeal.admin.rule.add')}</h3>
        <Form form={form} name="routingRule" layout="vertical" onFinish={add} disabled={busy}>
          <ErrorAlert error={error} />
          <Row gutter={16}>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label={t('appeal.field.category')} name="categoryCode" rules={[required]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={categoryOptions} placeholder={t('appeal.admin.rule.category.choose')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label={t('appeal.admin.rule.area')} name="areaId" rules={[required]} extra={t('appeal.admin.rule.area.help')}>
                <JurisdictionTreeSelect roots={areaRoots} placeholder={t('appeal.admin.rule.area.choose')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label={t('appeal.admin.rule.target')} name="targetUnitId" rules={[required]} extra={t('appeal.admin.rule.target.help')}>
                <JurisdictionTreeSelect roots={targetRoots} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label={t('appeal.admin.rule.note')} name="note">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={busy}>{t('appeal.admin.rule.submit')}</Button>
        </Form>
      </section>
    </>
  );
}
