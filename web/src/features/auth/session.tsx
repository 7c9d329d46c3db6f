// The signed-in member. The access token lives in this module's memory only (never in storage); the
// refresh token never reaches page scripts at all: the edge keeps it in an httpOnly cookie
// (deploy/nginx/session.js), so a reload or the return from the payment window restores the session
// with one POST /api/member/tokens/refresh. Refreshes are single-flight: the member service rotates
// the token on each use and treats a second use of a spent one as theft (it revokes the session).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setTokenSource } from '../../lib/api';

export type Role = 'BUYER' | 'SELLER' | 'ADMIN';

export interface Member {
  id: number;
  loginId: string;
  userName: string;
  role: Role;
}

interface SessionAnswer extends Member {
  accessToken: string;
  expiresIn: number;
}

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'signedIn'; member: Member };

let accessToken: string | null = null;
let inflight: Promise<SessionAnswer | null> | null = null;
let onChange: (answer: SessionAnswer | null) => void = () => {};
let renewTimer: ReturnType<typeof setTimeout> | undefined;

function adopt(answer: SessionAnswer | null): void {
  accessToken = answer?.accessToken ?? null;
  clearTimeout(renewTimer);
  if (answer) {
    // Renew a little before the access token expires, so calls rarely meet a 401.
    const ms = Math.max(5, answer.expiresIn * 0.8) * 1000;
    renewTimer = setTimeout(() => void refreshSession(), ms);
  }
  onChange(answer);
}

/** Asks the edge for a fresh token pair (cookie); null when there is no session. One at a time. */
export function refreshSession(): Promise<SessionAnswer | null> {
  inflight ??= api<SessionAnswer>('/member/tokens/refresh', { method: 'POST' })
    .then(
      (answer) => {
        adopt(answer);
        return answer;
      },
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 401) {
          adopt(null);
          return null;
        }
        throw e;
      },
    )
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

setTokenSource({
  current: () => accessToken,
  renew: async () => (await refreshSession().catch(() => null))?.accessToken ?? null,
});

interface Session {
  state: State;
  member: Member | null;
  login(loginId: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Shows what the member service answered to a change of the profile (the token is unchanged). */
  updateMember(patch: Pick<Member, 'userName'>): void;
}

const SessionContext = createContext<Session | null>(null);

function toMember(a: SessionAnswer): Member {
  return { id: a.id, loginId: a.loginId, userName: a.userName, role: a.role };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    onChange = (answer) => setState(answer ? { status: 'signedIn', member: toMember(answer) } : { status: 'anonymous' });
    // A service that is down must not leave the page waiting: browse anonymously meanwhile.
    refreshSession().catch(() => setState({ status: 'anonymous' }));
    return () => {
      onChange = () => {};
    };
  }, []);
  const login = useCallback(async (loginId: string, password: string) => {
    adopt(await api<SessionAnswer>('/member/users/login', { body: { loginId, password } }));
  }, []);
  const logout = useCallback(async () => {
    try {
      await api<void>('/member/logout', { method: 'POST' });
    } finally {
      adopt(null);
    }
  }, []);
  const updateMember = useCallback((patch: Pick<Member, 'userName'>) => {
    setState((s) => (s.status === 'signedIn' ? { status: 'signedIn', member: { ...s.member, ...patch } } : s));
  }, []);
  const value = useMemo<Session>(
    () => ({ state, member: state.status === 'signedIn' ? state.member : null, login, logout, updateMember }),
    [state, login, logout, updateMember],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
