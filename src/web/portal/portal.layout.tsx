// The residents' portal frame, open to everyone: large text, a plain header offering
// "无障碍 | 简体 | 繁體 | English" and sign-in or sign-out, the page in <main>.
import { EyeOutlined, LoginOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Layout } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth } from '../shell/auth.tsx';
import { elderlyTheme, residentTheme } from './portal.theme.ts';
import { useI18n } from '../shell/i18n.tsx';
import { LanguageSwitch } from '../shell/language-switch.tsx';
import { ElderlyModeProvider, useElderlyMode } from './elderly-mode.tsx';
import { SignOutButton } from './sign-out.button.tsx';
import './portal.css';

function AccessibilityToggle() {
  const { t } = useI18n();
  const { elderly, toggle } = useElderlyMode();
  return (
    <Button type="text" icon={<EyeOutlined aria-hidden />} aria-pressed={elderly} title={t('portal.elderly.help')}
      className={elderly ? 'ms-language-current' : undefined} onClick={toggle}>
      {t('portal.elderly')}
    </Button>
  );
}

function Account() {
  const { t } = useI18n();
  const { session } = useAuth();
  const { pathname, search } = useLocation();
  if (session.status === 'loading') return null;
  if (session.status === 'signed-in') {
    if (session.user.kind === 'staff') return <Link to="/workbench">{t('portal.toWorkbench')}</Link>;
    return <SignOutButton />;
  }
  const next = encodeURIComponent(pathname + search);
  return <Link to={`/login?as=resident&next=${next}`} className="ms-portal-signin"><LoginOutlined aria-hidden /> {t('portal.signIn')}</Link>;
}

function PortalFrame() {
  const { t } = useI18n();
  const { elderly } = useElderlyMode();
  return (
    <ConfigProvider theme={elderly ? elderlyTheme : residentTheme}>
      <Layout className={elderly ? 'ms-portal ms-elderly' : 'ms-portal'}>
        <Layout.Header className="ms-header ms-portal-header">
          <Link to="/portal" className="ms-brand">{t('app.portal')}</Link>
          <div className="ms-header-tools ms-portal-tools">
            <AccessibilityToggle />
            <LanguageSwitch />
            <Account />
          </div>
        </Layout.Header>
        <Layout.Content className="ms-portal-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </ConfigProvider>
  );
}

export function PortalLayout() {
  return (
    <ElderlyModeProvider>
      <PortalFrame />
    </ElderlyModeProvider>
  );
}
