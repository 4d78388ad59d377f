// How each kind of unit looks in lists: an icon, and a tag that sets departments apart.
import { AppstoreOutlined, BankOutlined, EnvironmentOutlined, HomeOutlined, SolutionOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import type { JurisdictionKind } from '../../api/shell.types.ts';
import { useI18n } from '../../shell/i18n.tsx';

export const KIND_ICONS: Record<JurisdictionKind, ReactNode> = {
  district: <BankOutlined aria-hidden />,
  street: <EnvironmentOutlined aria-hidden />,
  community: <HomeOutlined aria-hidden />,
  grid: <AppstoreOutlined aria-hidden />,
  department: <SolutionOutlined aria-hidden />,
};

export function KindTag({ kind }: { kind: JurisdictionKind }) {
  const { t } = useI18n();
  return <Tag className={kind === 'department' ? 'ms-tag-department' : undefined}>{t(`kind.${kind}`)}</Tag>;
}
