// /workbench/settings: the time limits (and counts and weights) of the case types at one unit. Each setting shows the
// value in force there and where it comes from: the unit's own, a unit above it, or the module's built-in
// default. A unit's own value can be changed, or removed so that the one above applies again.
import { App, Button, Card, Form, Popconfirm, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { useLoad } from '../../api/use-load.ts';
import type { SettingKind } from '../../modules.registry.ts';
import { ErrorAlert, errorLine } from '../../shell/errors.tsx';
import { formatDateTime } from '../../shell/format.ts';
import { useI18n } from '../../shell/i18n.tsx';
import { useJurisdictionScope } from '../jurisdiction-scope.tsx';
import type { JurisdictionNode } from '../jurisdiction-tree.ts';
import { JurisdictionTreeSelect } from '../jurisdiction-tree-select.tsx';
import { PageHeader } from '../page-header.tsx';
import { useJurisdictions } from '../use-jurisdictions.ts';
import { useManageableRoots } from './grants.tsx';
import { SettingEditModal, type EditedSetting } from './setting-edit.modal.tsx';
import { bySettingOrder, formatSetting, settingKind, settingLabelKey, weightParts, type SettingsAnswer } from './setting-value.ts';

type Source = { kind: 'own'; updatedAt: string } | { kind: 'inherited'; from: { nameZh: string; nameEn: string } } | { kind: 'default' };

interface Row {
  key: string;
  label: string;
  settingKind: SettingKind | undefined;
  value: unknown;
  /** a weights setting's parts, in order */
  parts: string[];
  source: Source;
}

function contains(roots: JurisdictionNode[], id: string): boolean {
  return roots.some((n) => n.id === id || contains(n.children, id));
}

export function SettingsPage() {
  const { t, tx, nameOf } = useI18n();
  const { message } = App.useApp();
  const scope = useJurisdictionScope();
  const tree = useJurisdictions();
  const manageable = useManageableRoots(tree.roots, 'settings.manage');
  const [chosen, setChosen] = useState<string | null>(null);
  const [editing, setEditing] = useState<EditedSetting | null>(null);
  const preferred = scope.current && contains(manageable, scope.current) ? scope.current : manageable[0]?.id ?? null;
  const jurisdictionId = chosen ?? preferred;
  // The server says, for each key, the value in force, its default and which unit it comes from.
  const settings = useLoad(async () => (jurisdictionId ? api.get<SettingsAnswer>('/api/settings', { jurisdictionId }) : null), [jurisdictionId]);

  const unitName = jurisdictionId && tree.byId.get(jurisdictionId) ? nameOf(tree.byId.get(jurisdictionId)!) : '';
  const data = settings.data?.jurisdictionId === jurisdictionId ? settings.data : null;
  const rows = useMemo<Row[]>(() => {
    if (!data) return [];
    return [...data.settings].sort((a, b) => bySettingOrder(a.key, b.key)).map((entry) => {
      const from = entry.from ? { nameZh: entry.from.nameZh ?? '', nameEn: entry.from.nameEn ?? '' } : null;
      const source: Source = entry.source === 'own' ? { kind: 'own', updatedAt: entry.updatedAt ?? '' }
        : entry.source === 'inherited' && from ? { kind: 'inherited', from } : { kind: 'default' };
      const value = entry.value ?? undefined;
      return { key: entry.key, label: tx(settingLabelKey(entry.key)), settingKind: entry.type ?? settingKind(entry.key, value), value, parts: weightParts(entry.default, value), source };
    });
  }, [data, tx]);

  async function reset(row: Row) {
    if (!jurisdictionId) return;
    try {
      await api.delete(`/api/settings?${new URLSearchParams({ jurisdictionId, key: row.key })}`);
      message.success(t('settings.reset.done', { label: row.label }));
      settings.reload();
    } catch (e) {
      message.error(errorLine(t, e));
    }
  }

  return (
    <>
      <PageHeader title={t('settings.title')} intro={t('settings.intro')} />
      <Card className="ms-block">
        <Form name="settingsScope" layout="inline">
          <Form.Item label={t('settings.field.unit')} htmlFor="settingsScope_unit">
            <JurisdictionTreeSelect id="settingsScope_unit" roots={manageable} value={jurisdictionId ?? undefined} onChange={setChosen} className="ms-filter-unit" />
          </Form.Item>
        </Form>
      </Card>
      <ErrorAlert error={settings.error ?? tree.error} />
      <Card title={<h2 className="ms-card-title">{t('settings.list', { unit: unitName })}</h2>}>
        <Table<Row>
          rowKey="key"
          loading={settings.loading || tree.loading}
          dataSource={rows}
          pagination={false}
          columns={[
            { key: 'label', title: t('settings.field.setting'), render: (_, r) => <span title={r.key}>{r.label}</span> },
            {
              key: 'value', title: t('settings.field.value'),
              render: (_, r) => (r.value === undefined ? <span className="ms-muted">{t('settings.value.unset')}</span> : formatSetting(t, tx, r.key, r.value)),
            },
            {
              key: 'source', title: t('settings.field.source'),
              render: (_, r) => r.source.kind === 'own'
                ? <Space size={4} wrap><Tag className="ms-tag-ok">{t('settings.source.own')}</Tag><span className="ms-muted">{formatDateTime(r.source.updatedAt)}</span></Space>
                : r.source.kind === 'inherited'
                  ? <Tag>{t('settings.source.inherited', { unit: nameOf(r.source.from) })}</Tag>
                  : <Tag className="ms-tag-muted">{t('settings.source.default')}</Tag>,
            },
            {
              key: 'actions', title: t('common.actions'),
              render: (_, r) => (
                <Space size={4} wrap>
                  {r.settingKind && (
                    <Button size="small" aria-label={t('settings.edit.for', { label: r.label })}
                      onClick={() => setEditing({ key: r.key, label: r.label, kind: r.settingKind!, value: r.value, parts: r.parts })}>
                      {t('settings.edit')}
                    </Button>
                  )}
                  {r.source.kind === 'own' && (
                    <Popconfirm title={t('settings.reset.confirm', { label: r.label, unit: unitName })} okText={t('settings.reset')} cancelText={t('common.cancel')} onConfirm={() => reset(r)}>
                      <Button size="small" aria-label={t('settings.reset.for', { label: r.label })}>{t('settings.reset')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {jurisdictionId && (
        <SettingEditModal setting={editing} jurisdictionId={jurisdictionId} unitName={unitName} onClose={() => setEditing(null)} onSaved={settings.reload} />
      )}
    </>
  );
}
