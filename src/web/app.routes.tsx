// The route table: /login, /workbench/* for staff, /portal/* for residents; "/" goes where the session belongs.
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Permission } from './api/shell.types.ts';
import { RequirePermission, RequireUser, RootRedirect } from './shell/guards.tsx';
import { CrashPage, LoadingScreen } from './shell/loading.tsx';
import { NotFoundPage, StandaloneNotFoundPage } from './shell/status.pages.tsx';
import { PortalLayout } from './portal/portal.layout.tsx';
import { WorkbenchLayout } from './workbench/workbench.layout.tsx';

/** A lazily loaded page, optionally behind a permission. */
function page(load: () => Promise<ComponentType>, permission?: Permission): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const Page = await load();
      return { element: permission ? <RequirePermission permission={permission}><Page /></RequirePermission> : <Page /> };
    },
  };
}

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
          { path: 'jurisdictions', ...page(async () => (await import('./workbench/admin/jurisdictions.page.tsx')).JurisdictionsPage, 'jurisdiction.read') },
          { path: 'users', ...page(async () => (await import('./workbench/admin/users.page.tsx')).UsersPage, 'user.read') },
          { path: 'calendar', ...page(async () => (await import('./workbench/admin/calendar.page.tsx')).CalendarPage, 'calendar.read') },
          { path: 'tokens', ...page(async () => (await import('./workbench/admin/tokens.page.tsx')).TokensPage, 'token.manage') },
          { path: 'audit', ...page(async () => (await import('./workbench/admin/audit.page.tsx')).AuditPage, 'audit.read') },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        path: 'portal',
        element: <RequireUser kind="resident"><PortalLayout /></RequireUser>,
        children: [
          { index: true, ...page(async () => (await import('./portal/home.page.tsx')).PortalHomePage) },
          { path: 'data-access', ...page(async () => (await import('./portal/data-access.page.tsx')).DataAccessPage) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '*', element: <StandaloneNotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
