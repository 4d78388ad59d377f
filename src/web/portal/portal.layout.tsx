// The residents' portal frame: large text, a plain header with language and sign-out, the page in <main>.
import { ConfigProvider, Layout } from 'antd';
import { Link, Outlet } from 'react-router';
import { residentTheme } from '../shell/theme.ts';
import { useI18n } from '../shell/i18n.tsx';
import { LanguageSwitch } from '../shell/language-switch.tsx';
import { SignOutButton } from './sign-out.button.tsx';

export function PortalLayout() {
  const { t } = useI18n();
  return (
    <ConfigProvider theme={residentTheme}>
      <Layout className="ms-portal">
        <Layout.Header className="ms-header ms-portal-header">
          <Link to="/portal" className="ms-brand">{t('app.portal')}</Link>
          <div className="ms-header-tools">
            <LanguageSwitch />
            <SignOutButton />
          </div>
        </Layout.Header>
        <Layout.Content className="ms-portal-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </ConfigProvider>
  );
}
