// Choosing one jurisdiction from the tree (or from some of its subtrees), searchable by name.
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../shell/i18n.tsx';
import type { JurisdictionNode } from './jurisdiction-tree.ts';

interface Option {
  value: string;
  title: string;
  children: Option[];
}

type Props = Omit<TreeSelectProps<string>, 'treeData'> & { roots: JurisdictionNode[] };

export function JurisdictionTreeSelect({ roots, ...props }: Props) {
  const { t, nameOf } = useI18n();
  const treeData = useMemo(() => {
    const toOption = (node: JurisdictionNode): Option => ({
      value: node.id,
      title: node.kind === 'department' ? `${nameOf(node)}（${t('kind.department')}）` : nameOf(node),
      children: node.children.map(toOption),
    });
    return roots.map(toOption);
  }, [roots, nameOf, t]);

  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={roots.map((r) => r.id)}
      popupMatchSelectWidth={false}
      placeholder={t('jurisdiction.choose')}
      {...props}
      treeData={treeData}
    />
  );
}
