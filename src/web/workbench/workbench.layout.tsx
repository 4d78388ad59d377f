// The staff workbench: header (jurisdiction, language, user), a menu of the sections the user may
// open, and the page in <main> (antd's Layout.Content), under a warning while next year's statutory
// holidays are missing.
import { Layout, Menu } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { useUser } from '../shell/auth.tsx';
import { useI18n } from '../shell/i18n.tsx';
import { LanguageSwitch } from '../shell/language-switch.tsx';
import { JurisdictionScopeProvider, JurisdictionSwitcher } from './jurisdiction-scope.tsx';
import { currentNavPath, navFor } from './nav.tsx';
import { StatutoryWarning, StatutoryYearsProvider } from './statutory-years.tsx';
import { UserMenu } from './user-menu.tsx';

export function WorkbenchLayout() {
  const { t } = useI18n();
  const user = useUser();
  const { pathname } = useLocation();
  const entries = navFor(user.permissions);
  const selected = currentNavPath(entries, pathname);

  return (
    <JurisdictionScopeProvider>
      <StatutoryYearsProvider>
        <Layout className="ms-workbench">
          <Layout.Header className="ms-header">
            <Link to="/workbench" className="ms-brand">{t('app.workbench')}</Link>
            <div className="ms-header-tools">
              <JurisdictionSwitcher />
              <LanguageSwitch />
              <UserMenu />
            </div>
          </Layout.Header>
          <Layout className="ms-body">
            <Layout.Sider theme="light" width={208} className="ms-sider">
              <nav aria-label={t('shell.mainNav')}>
                <Menu
                  mode="inline"
                  selectedKeys={selected ? [selected] : []}
                  items={entries.map((e) => ({ key: e.path, icon: e.icon, label: <Link to={e.path}>{t(e.label)}</Link> }))}
                />
              </nav>
            </Layout.Sider>
            <Layout.Content className="ms-content">
              <StatutoryWarning />
              <Outlet />
            </Layout.Content>
          </Layout>
        </Layout>
      </StatutoryYearsProvider>
    </JurisdictionScopeProvider>
  );
}
