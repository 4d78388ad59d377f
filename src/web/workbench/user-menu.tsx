// The signed-in staff member's name in the header, with sign-out behind it.
import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useAuth, useUser } from '../shell/auth.tsx';
import { errorLine } from '../shell/errors.tsx';
import { useI18n } from '../shell/i18n.tsx';

export function UserMenu() {
  const { t } = useI18n();
  const user = useUser();
  const { logout } = useAuth();
  const { message } = App.useApp();

  async function signOut() {
    // Signed out either way; the route guard then shows the login page.
    await logout().catch((e: unknown) => message.error(errorLine(t, e)));
  }

  return (
    <Dropdown
      trigger={['click']}
      menu={{ items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout'), onClick: () => void signOut() }] }}
    >
      <Button type="text" icon={<UserOutlined />} aria-label={t('shell.userMenu', { name: user.displayName })}>
        {user.displayName} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
