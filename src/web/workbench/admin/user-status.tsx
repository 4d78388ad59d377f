// An account's state in one tag: active, deactivated or locked.
import { Tag } from 'antd';
import type { Staff } from '../../api/shell.types.ts';
import { useI18n } from '../../shell/i18n.tsx';

export function StatusTag({ staff }: { staff: Pick<Staff, 'active' | 'locked'> }) {
  const { t } = useI18n();
  if (staff.locked) return <Tag className="ms-tag-danger">{t('user.status.locked')}</Tag>;
  return staff.active ? <Tag className="ms-tag-ok">{t('user.status.active')}</Tag> : <Tag className="ms-tag-muted">{t('user.status.inactive')}</Tag>;
}
