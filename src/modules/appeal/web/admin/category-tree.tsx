// The category tree as a table: groups with their categories beneath, each with its SLA class, level,
// department, keywords and whether it is offered; a switch turns one on or off, buttons edit and add.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Space, Switch, Table, Tag } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import type { JurisdictionSummary } from '../../../../web/api/shell.types.ts';
import { errorLine } from '../../../../web/shell/errors.tsx';
import { useAppealI18n } from '../appeal.i18n.ts';
import { adminApi, type AdminCategory } from './appeal-admin.api.ts';
import type { CategoryEdit } from './category.drawer.tsx';

const SLA_TONE: Record<AdminCategory['slaClass'], string> = { emergency: 'red', utilities: 'orange', general: 'blue', complex: 'purple' };

interface Row extends AdminCategory {
  children?: Row[];
}

export function CategoryTree({ categories, departments, loading, onEdit, onChanged }: {
  categories: AdminCategory[];
  departments: JurisdictionSummary[];
  loading: boolean;
  onEdit: (edit: CategoryEdit) => void;
  onChanged: () => void;
}) {
  const { t, nameOf } = useAppealI18n();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo<Row[]>(() => categories.filter((c) => !c.parentCode).map((g) => ({ ...g, children: categories.filter((c) => c.parentCode === g.code) })), [categories]);
  const departmentByCode = useMemo(() => new Map(departments.map((d) => [d.code, d])), [departments]);

  async function setActive(category: AdminCategory, active: boolean) {
    try {
      await adminApi.updateCategory(category.code, { active });
      message.success(t(active ? 'appeal.admin.category.activated' : 'appeal.admin.category.deactivated', { name: nameOf(category) }));
      onChanged();
    } catch (e) {
      message.error(errorLine(t, e));
    }
  }

  /** A column that only categories fill (a group has no class, level, department or keywords of its own). */
  const leaf = (render: (c: AdminCategory) => ReactNode) => (_: unknown, c: Row) => (c.parentCode ? render(c) : null);

  // Only the first load covers the table: a reload keeps the rows, and the keyboard's focus in them. And
  // the switches show no busy state: a busy switch is disabled, and a disabled switch loses the focus.
  return (
    <Table<Row>
      rowKey="code"
      size="middle"
      loading={loading && rows.length === 0}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1000 }}
      expandable={{
        expandedRowKeys: rows.filter((g) => !collapsed.has(g.code)).map((g) => g.code),
        onExpand: (expanded, g) => setCollapsed((c) => {
          const next = new Set(c);
          if (expanded) next.delete(g.code);
          else next.add(g.code);
          return next;
        }),
      }}
      rowClassName={(c) => (c.parentCode ? '' : 'ap-admin-group-row')}
      columns={[
        {
          key: 'name', title: t('appeal.admin.field.name'), width: 230,
          render: (_, c) => (
            <Space size={6} wrap>
              <span>{nameOf(c)}</span>
              <span className="ms-mono ap-muted">{c.code}</span>
            </Space>
          ),
        },
        { key: 'slaClass', title: t('appeal.field.slaClass'), render: leaf((c) => <Tag className={`ap-tag ap-tag-${SLA_TONE[c.slaClass]}`}>{t(`appeal.slaClass.${c.slaClass}`)}</Tag>) },
        { key: 'level', title: t('appeal.field.level'), render: leaf((c) => t(`appeal.level.${c.level}`)) },
        {
          key: 'department', title: t('appeal.admin.field.department'),
          render: leaf((c) => (c.departmentCode ? (departmentByCode.get(c.departmentCode) ? nameOf(departmentByCode.get(c.departmentCode)!) : c.departmentCode) : '—')),
        },
        {
          key: 'keywords', title: t('appeal.admin.field.keywords'), width: 260,
          render: leaf((c) => <Space size={[0, 4]} wrap>{c.keywords.map((k) => <Tag key={k}>{k}</Tag>)}</Space>),
        },
        {
          key: 'active', title: t('appeal.admin.field.active'), width: 64,
          render: (_, c) => (
            <Switch size="small" checked={c.active} onChange={(on) => setActive(c, on)}
              aria-label={t('appeal.admin.category.activeFor', { name: nameOf(c) })} />
          ),
        },
        {
          key: 'actions', title: t('common.actions'), width: 190,
          render: (_, c) => (
            <Space size={4} wrap>
              <Button size="small" onClick={() => onEdit({ mode: 'edit', category: c })} aria-label={t('appeal.admin.category.editFor', { name: nameOf(c) })}>
                {t('appeal.admin.edit')}
              </Button>
              {!c.parentCode && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => onEdit({ mode: 'create', parent: c })} aria-label={t('appeal.admin.category.addFor', { group: nameOf(c) })}>
                  {t('appeal.admin.category.add')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
