// /workbench/jurisdictions: the district's tree of streets, communities, grid cells and departments.
import { Card, Col, Empty, Input, Row, Skeleton, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { JurisdictionKind } from '../../api/shell.types.ts';
import { ErrorAlert } from '../../shell/errors.tsx';
import { useI18n } from '../../shell/i18n.tsx';
import { countByKind, filterTree, type JurisdictionNode } from '../jurisdiction-tree.ts';
import { PageHeader } from '../page-header.tsx';
import { useJurisdictions } from '../use-jurisdictions.ts';
import { JurisdictionDetailPanel } from './jurisdiction-detail.panel.tsx';
import { KIND_ICONS, KindTag } from './jurisdiction-kind.tsx';

const COUNTED: Exclude<JurisdictionKind, 'district'>[] = ['street', 'community', 'grid', 'department'];

interface TreeItem {
  key: string;
  title: string;
  kind: JurisdictionKind;
  children: TreeItem[];
}

export function JurisdictionsPage() {
  const { t, nameOf } = useI18n();
  const tree = useJurisdictions();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const selected = params.get('id') ?? tree.roots[0]?.id ?? null;

  const filtered = useMemo(() => filterTree(tree.roots, query), [tree.roots, query]);
  const treeData = useMemo(() => {
    const toItem = (n: JurisdictionNode): TreeItem => ({ key: n.id, title: nameOf(n), kind: n.kind, children: n.children.map(toItem) });
    return filtered.roots.map(toItem);
  }, [filtered.roots, nameOf]);
  const counts = countByKind(tree.items);
  const expandedKeys = query.trim() ? filtered.expanded : (expanded ?? tree.roots.map((r) => r.id));

  function select(id: string | null) {
    setParams(id ? { id } : {}, { replace: true });
  }

  return (
    <>
      <PageHeader
        title={t('jurisdiction.title')}
        intro={tree.items.length > 0 && COUNTED.map((k) => t(`jurisdiction.count.${k}`, { n: counts[k] })).join(' · ')}
      />
      <ErrorAlert error={tree.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <Card title={<h2 className="ms-card-title">{t('jurisdiction.tree')}</h2>}>
            <Input.Search
              allowClear
              aria-label={t('jurisdiction.search')}
              placeholder={t('jurisdiction.search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              className="ms-block"
            />
            {tree.loading && tree.items.length === 0 ? <Skeleton active /> : treeData.length === 0 ? <Empty description={t('common.noMatch')} /> : (
              // A plain (not virtual) tree inside one focusable scrolling region, so keyboard users can scroll it too.
              <div className="ms-tree-scroll" tabIndex={0} role="region" aria-label={t('jurisdiction.tree')}>
                <Tree<TreeItem>
                  aria-label={t('jurisdiction.tree')}
                  treeData={treeData}
                  selectedKeys={selected ? [selected] : []}
                  expandedKeys={expandedKeys}
                  onExpand={(keys) => setExpanded(keys.map(String))}
                  onSelect={(keys) => keys[0] && select(String(keys[0]))}
                  titleRender={(node) => (
                    <span className="ms-tree-title">
                      {KIND_ICONS[node.kind]} {node.title} {node.kind === 'department' && <KindTag kind="department" />}
                    </span>
                  )}
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          {selected && (tree.byId.has(selected) || tree.loading) ? (
            <JurisdictionDetailPanel
              id={selected}
              byId={tree.byId}
              items={tree.items}
              onChanged={(id) => {
                tree.reload();
                select(id ?? tree.byId.get(selected)?.parentId ?? null);
              }}
            />
          ) : !tree.loading && <Card><Empty description={t('jurisdiction.none')} /></Card>}
        </Col>
      </Row>
    </>
  );
}
