// Route guards: which kind of user may enter the workbench or the portal, and where "/" leads.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Permission, SessionUser } from '../api/shell.types.ts';
import { useAuth } from './auth.tsx';
import { LoadingScreen } from './loading.tsx';
import { ForbiddenPage } from './status.pages.tsx';

export function homeOf(user: SessionUser): string {
  return user.kind === 'staff' ? '/workbench' : '/portal';
}

/** Renders its children only for a signed-in user of the given kind; others go to the login page. */
export function RequireUser({ kind, children }: { kind: SessionUser['kind']; children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (session.status === 'loading') return <LoadingScreen />;
  if (session.status === 'anonymous') {
    if (session.signedOut) return <Navigate to={kind === 'resident' ? '/login?as=resident' : '/login'} replace />;
    const next = encodeURIComponent(location.pathname + location.search);
    // A resident's page opens the resident tab of the sign-in page, not the staff one.
    return <Navigate to={`/login?${kind === 'resident' ? 'as=resident&' : ''}next=${next}`} replace />;
  }
  if (session.user.kind !== kind) return <Navigate to={homeOf(session.user)} replace />;
  return children;
}

/** Inside the workbench: a page that needs a permission the user lacks says so instead of failing later. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { session } = useAuth();
  if (session.status !== 'signed-in' || !session.user.permissions.includes(permission)) return <ForbiddenPage />;
  return children;
}

export function RootRedirect() {
  const { session } = useAuth();
  if (session.status === 'loading') return <LoadingScreen />;
  return <Navigate to={session.status === 'signed-in' ? homeOf(session.user) : '/login'} replace />;
}
