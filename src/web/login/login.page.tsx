// /login: staff sign in with a password, residents with a one-time code sent to their phone or e-mail.
import { Card, Tabs } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { SessionUser } from '../api/shell.types.ts';
import { useAuth } from '../shell/auth.tsx';
import { homeOf } from '../shell/guards.tsx';
import { useI18n } from '../shell/i18n.tsx';
import { LanguageSwitch } from '../shell/language-switch.tsx';
import { useDocumentTitle } from '../shell/page-title.ts';
import { ResidentLoginForm } from './resident-login.form.tsx';
import { StaffLoginForm } from './staff-login.form.tsx';

/** Where to go after signing in: the page asked for, if it belongs to this kind of user. */
function destination(user: SessionUser, next: string | null): string {
  const home = homeOf(user);
  return next && (next === home || next.startsWith(`${home}/`)) ? next : home;
}

export function LoginPage() {
  const { t } = useI18n();
  const { session } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  useDocumentTitle(t('login.title'));

  if (session.status === 'signed-in') return <Navigate to={destination(session.user, params.get('next'))} replace />;
  const signedIn = (user: SessionUser) => navigate(destination(user, params.get('next')), { replace: true });

  return (
    <div className="ms-login">
      <header className="ms-login-header">
        <span className="ms-brand">{t('app.fullName')}</span>
        <LanguageSwitch />
      </header>
      <main className="ms-login-main">
        <Card className="ms-login-card">
          <h1 className="ms-login-title">{t('login.title')}</h1>
          <Tabs
            defaultActiveKey={params.get('as') === 'resident' ? 'resident' : 'staff'}
            items={[
              { key: 'staff', label: t('login.tab.staff'), children: <StaffLoginForm onSignedIn={signedIn} /> },
              { key: 'resident', label: t('login.tab.resident'), children: <ResidentLoginForm onSignedIn={signedIn} /> },
            ]}
          />
        </Card>
      </main>
    </div>
  );
}
