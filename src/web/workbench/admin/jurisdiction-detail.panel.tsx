// The chosen unit: its facts and map, and (where the user may manage it) edit, add-child and delete.
import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Row, Skeleton, Tabs } from 'antd';
import { api } from '../../api/client.ts';
import type { JurisdictionDetail, JurisdictionSummary } from '../../api/shell.types.ts';
import { useLoad } from '../../api/use-load.ts';
import { ErrorAlert, errorLine } from '../../shell/errors.tsx';
import { useI18n } from '../../shell/i18n.tsx';
import { CHILD_KINDS } from '../jurisdiction-tree.ts';
import { JurisdictionAddForm, JurisdictionEditForm } from './jurisdiction.forms.tsx';
import { KindTag } from './jurisdiction-kind.tsx';
import { JurisdictionMap, type MapShape } from './jurisdiction-map.tsx';

interface Props {
  id: string;
  /** Every unit, to name the path and find the children. */
  byId: Map<string, JurisdictionSummary>;
  items: JurisdictionSummary[];
  /** After a change: reload the tree, and select `id` (null: the selection was deleted). */
  onChanged: (select: string | null) => void;
}

export function JurisdictionDetailPanel({ id, byId, items, onChanged }: Props) {
  const { t, nameOf } = useI18n();
  const { message, modal } = App.useApp();
  const unit = useLoad(() => api.get<JurisdictionDetail>(`/api/jurisdictions/${id}`), [id]);
  // The children's boundaries come from their detail; the id list as one string keeps the load's dependency stable.
  const childIds = items.filter((i) => i.parentId === id && i.kind !== 'department').map((i) => i.id).join(',');
  const parts = useLoad(
    () => Promise.all(childIds ? childIds.split(',').map((c) => api.get<JurisdictionDetail>(`/api/jurisdictions/${c}`)) : []),
    [childIds],
  );

  if (unit.error) return <Card><ErrorAlert error={unit.error} /></Card>;
  if (!unit.data || unit.data.id !== id) return <Card><Skeleton active /></Card>;
  const u = unit.data;
  const shape = (j: JurisdictionDetail): MapShape => ({ id: j.id, name: nameOf(j), polygon: j.polygon, centroid: j.centroid });
  const path = u.path.split('/').filter(Boolean).map((pid) => byId.get(pid)).filter((j) => j !== undefined).map(nameOf).join(' / ');

  function confirmDelete() {
    modal.confirm({
      title: t('jurisdiction.delete.confirm', { name: nameOf(u) }),
      content: t('jurisdiction.delete.text'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.delete(`/api/jurisdictions/${u.id}`);
          message.success(t('jurisdiction.deleted'));
          onChanged(null);
        } catch (e) {
          modal.error({ title: t('jurisdiction.delete.refused'), content: errorLine(t, e) });
        }
      },
    });
  }

  const facts = (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Descriptions column={1} size="small" bordered items={[
          { key: 'nameZh', label: t('jurisdiction.field.nameZh'), children: <span lang="zh-CN">{u.nameZh}</span> },
          { key: 'nameEn', label: t('jurisdiction.field.nameEn'), children: <span lang="en">{u.nameEn}</span> },
          { key: 'code', label: t('jurisdiction.field.code'), children: <code>{u.code}</code> },
          { key: 'kind', label: t('jurisdiction.field.kind'), children: <KindTag kind={u.kind} /> },
          { key: 'path', label: t('jurisdiction.field.path'), children: path },
          { key: 'centroid', label: t('jurisdiction.field.centroid'), children: u.centroid ? `${u.centroid[0].toFixed(5)}, ${u.centroid[1].toFixed(5)}` : '—' },
        ]} />
      </Col>
      <Col xs={24} xl={12}>
        {parts.data ? <JurisdictionMap unit={shape(u)} parts={parts.data.map(shape)} /> : <Skeleton.Node active />}
      </Col>
    </Row>
  );

  const tabs = [
    { key: 'facts', label: t('jurisdiction.tab.facts'), children: facts },
    ...(u.abilities.update ? [{ key: 'edit', label: t('jurisdiction.tab.edit'), children: <JurisdictionEditForm key={u.id} unit={u} onSaved={() => { unit.reload(); onChanged(u.id); }} /> }] : []),
    ...(u.abilities.addChild && CHILD_KINDS[u.kind].length > 0
      ? [{ key: 'add', label: t('jurisdiction.tab.add'), children: <JurisdictionAddForm key={u.id} parent={u} onAdded={(newId) => onChanged(newId)} /> }]
      : []),
  ];

  return (
    <Card
      title={<h2 className="ms-card-title">{nameOf(u)}</h2>}
      extra={u.abilities.update && u.parentId && (
        <Button danger icon={<DeleteOutlined />} onClick={confirmDelete}>{t('common.delete')}</Button>
      )}
    >
      <Tabs key={u.id} items={tabs} />
    </Card>
  );
}
