// Role grants: shown as "role @ unit" tags, and chosen as a role plus a unit within the user's reach.
import { Form, Select, Tag } from 'antd';
import { useMemo } from 'react';
import { ROLE_PERMISSIONS, STAFF_ROLES } from '../../../shared/permissions.ts';
import type { Permission, SessionGrant } from '../../api/shell.types.ts';
import { useUser } from '../../shell/auth.tsx';
import { useI18n } from '../../shell/i18n.tsx';
import { subtreesOf, type JurisdictionNode } from '../jurisdiction-tree.ts';
import { JurisdictionTreeSelect } from '../jurisdiction-tree-select.tsx';

/** "角色 @ 单位" in the current language. */
export function useGrantLabel(): (grant: SessionGrant) => string {
  const { t, nameOf } = useI18n();
  return (grant) => t('user.grant', { role: t(`role.${grant.role}`), unit: nameOf({ nameZh: grant.jurisdictionNameZh, nameEn: grant.jurisdictionNameEn }) });
}

export function GrantTag({ grant }: { grant: SessionGrant }) {
  const label = useGrantLabel();
  return <Tag className="ms-tag-grant">{label(grant)}</Tag>;
}

/** The parts of the tree where the signed-in user holds a permission (by default: may manage accounts). */
export function useManageableRoots(roots: JurisdictionNode[], permission: Permission = 'user.manage'): JurisdictionNode[] {
  const user = useUser();
  return useMemo(() => {
    const ids = new Set(user.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission)).map((g) => g.jurisdictionId));
    return subtreesOf(roots, ids);
  }, [roots, user.grants, permission]);
}

/** Role and unit fields of one grant; `prefix` places them in the form (['grants', 0] or []). */
export function GrantFields({ prefix, roots }: { prefix: Array<string | number>; roots: JurisdictionNode[] }) {
  const { t } = useI18n();
  const required = { required: true, message: t('form.required') };
  return (
    <>
      <Form.Item label={t('user.field.role')} name={[...prefix, 'role']} rules={[required]} className="ms-grant-role">
        <Select options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      <Form.Item label={t('user.field.unit')} name={[...prefix, 'jurisdictionId']} rules={[required]} className="ms-grant-unit">
        <JurisdictionTreeSelect roots={roots} />
      </Form.Item>
    </>
  );
}
