// Signing out of the portal; the route guard then shows the residents' login.
import { LogoutOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useAuth } from '../shell/auth.tsx';
import { useI18n } from '../shell/i18n.tsx';

export function SignOutButton() {
  const { t } = useI18n();
  const { logout } = useAuth();
  return (
    <Button icon={<LogoutOutlined />} onClick={() => void logout().catch(() => undefined)}>
      {t('shell.logout')}
    </Button>
  );
}
