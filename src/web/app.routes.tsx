// The route table: /login, /workbench/* for staff, /portal/* for residents (some portal pages are open to
// anyone: a resident may raise and follow a matter without an account); "/" goes where the session belongs.
// Modules' pages come from modules.registry.ts, never imported here by name.
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Permission } from './api/shell.types.ts';
import { webModules, type WebPage } from './modules.registry.ts';
import { RequirePermission, RequireUser, RootRedirect } from './shell/guards.tsx';
import { CrashPage, LoadingScreen } from './shell/loading.tsx';
import { NotFoundPage, StandaloneNotFoundPage } from './shell/status.pages.tsx';
import { PortalLayout } from './portal/portal.layout.tsx';
import { WorkbenchLayout } from './workbench/workbench.layout.tsx';

/** A lazily loaded page, optionally behind a permission (workbench) or a resident's sign-in (portal). */
function page(load: () => Promise<ComponentType>, guard?: { permission?: Permission | undefined; resident?: boolean | undefined }): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const Page = await load();
      let element = <Page />;
      if (guard?.permission) element = <RequirePermission permission={guard.permission}>{element}</RequirePermission>;
      if (guard?.resident) element = <RequireUser kind="resident">{element}</RequireUser>;
      return { element };
    },
  };
}

const workbenchPages = (pages: WebPage[]): RouteObject[] => pages.map((p) => ({ path: p.path, ...page(p.load, { permission: p.permission }) }));
const portalPages = (pages: WebPage[]): RouteObject[] => pages.map((p) => ({ path: p.path, ...page(p.load, { resident: p.signedIn }) }));

export const routes: RouteObject[] = [
  {
    path: '/',
    HydrateFallback: LoadingScreen,
    ErrorBoundary: CrashPage,
    children: [
      { index: true, element: <RootRedirect /> },
      { path: 'login', ...page(async () => (await import('./login/login.page.tsx')).LoginPage) },
      {
        path: 'workbench',
        element: <RequireUser kind="staff"><WorkbenchLayout /></RequireUser>,
        children: [
          { index: true, ...page(async () => (await import('./workbench/overview.page.tsx')).OverviewPage) },
          ...workbenchPages(webModules.flatMap((m) => m.workbenchPages ?? [])),
          { path: 'jurisdictions', ...page(async () => (await import('./workbench/admin/jurisdictions.page.tsx')).JurisdictionsPage, { permission: 'jurisdiction.read' }) },
          { path: 'users', ...page(async () => (await import('./workbench/admin/users.page.tsx')).UsersPage, { permission: 'user.read' }) },
          { path: 'calendar', ...page(async () => (await import('./workbench/admin/calendar.page.tsx')).CalendarPage, { permission: 'calendar.read' }) },
          { path: 'settings', ...page(async () => (await import('./workbench/admin/settings.page.tsx')).SettingsPage, { permission: 'settings.manage' }) },
          { path: 'tokens', ...page(async () => (await import('./workbench/admin/tokens.page.tsx')).TokensPage, { permission: 'token.manage' }) },
          { path: 'audit', ...page(async () => (await import('./workbench/admin/audit.page.tsx')).AuditPage, { permission: 'audit.read' }) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        // The portal's frame is open to all; pages that need a resident's account say so.
        path: 'portal',
        element: <PortalLayout />,
        children: [
          { index: true, ...page(async () => (await import('./portal/home.page.tsx')).PortalHomePage) },
          { path: 'data-access', ...page(async () => (await import('./portal/data-access.page.tsx')).DataAccessPage, { resident: true }) },
          ...portalPages(webModules.flatMap((m) => m.portalPages ?? [])),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '*', element: <StandaloneNotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
