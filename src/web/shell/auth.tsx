// The session: who is signed in (GET /api/auth/me), and the ways in and out.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, api, setCsrfToken, setSessionLostHandler } from '../api/client.ts';
import type { Permission, SessionAnswer, SessionUser } from '../api/shell.types.ts';

export type Session =
  | { status: 'loading' }
  /** `signedOut`: the user just signed out here (rather than the session lapsing). */
  | { status: 'anonymous'; signedOut?: boolean }
  | { status: 'signed-in'; user: SessionUser };

export interface CodeSent {
  channel: 'sms' | 'email';
  expiresInSeconds: number;
}

interface AuthValue {
  session: Session;
  loginStaff: (username: string, password: string) => Promise<SessionUser>;
  sendResidentCode: (contact: string) => Promise<CodeSent>;
  verifyResident: (contact: string, code: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });

  const signedIn = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    setSession({ status: 'signed-in', user: answer.user });
    return answer.user;
  }, []);

  const signedOut = useCallback((deliberately = false) => {
    setCsrfToken(null);
    setSession({ status: 'anonymous', signedOut: deliberately });
  }, []);

  useEffect(() => {
    setSessionLostHandler(() => signedOut());
    api.get<SessionAnswer>('/api/auth/me').then(signedIn, (error: unknown) => {
      if (!(error instanceof ApiError) || error.status !== 401) console.error('Could not load the session', error);
      signedOut();
    });
    return () => setSessionLostHandler(null);
  }, [signedIn, signedOut]);

  const value = useMemo<AuthValue>(() => ({
    session,
    loginStaff: (username, password) => api.post<SessionAnswer>('/api/auth/login', { username, password }).then(signedIn),
    sendResidentCode: (contact) => api.post<CodeSent>('/api/auth/resident/code', { contact }),
    verifyResident: (contact, code) => api.post<SessionAnswer>('/api/auth/resident/verify', { contact, code }).then(signedIn),
    logout: async () => {
      try {
        await api.post<void>('/api/auth/logout');
      } finally {
        signedOut(true);
      }
    },
  }), [session, signedIn, signedOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth needs an AuthProvider');
  return value;
}

/** The signed-in user; only for pages behind a guard that already checked there is one. */
export function useUser(): SessionUser {
  const { session } = useAuth();
  if (session.status !== 'signed-in') throw new Error('useUser needs a signed-in session');
  return session.user;
}

export function useCan(): (permission: Permission) => boolean {
  const user = useUser();
  return useCallback((permission: Permission) => user.permissions.includes(permission), [user]);
}
