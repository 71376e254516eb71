import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setSessionExpiredHandler, type SessionInfo, type Workspace, type Page } from './api';

interface Session {
  /** undefined while the first check runs, null when signed out. */
  info: SessionInfo | null | undefined;
  workspaces: Workspace[];
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  reloadWorkspaces: () => Promise<void>;
  /** True while the session ran out and the re-login dialog is open. */
  expired: boolean;
}

const SessionContext = createContext<Session | null>(null);

async function postLogin(username: string, password: string): Promise<SessionInfo> {
  const info = await api.post<SessionInfo>('/session', { username, password }, { noRelogin: true });
  setCsrfToken(info.csrfToken);
  return info;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<SessionInfo | null | undefined>(undefined);
  const [workspaces, setWorkspaces] = useState<Workspace[]>([]);
  const [expired, setExpired] = useState(false);
  // Requests that met a 401 wait here until the user signed in again.
  const waiting = useRef<(() => void)[]>([]);

  const reloadWorkspaces = useCallback(async () => {
    const page = await api.get<Page<Workspace>>('/workspaces?limit=200');
    setWorkspaces(page.items);
  }, []);

  useEffect(() => {
    api
      .get<SessionInfo>('/session', { noRelogin: true })
      .then(async (current) => {
        setCsrfToken(current.csrfToken);
        setInfo(current);
        await reloadWorkspaces();
      })
      .catch((e) => {
        if (e instanceof ApiError && e.status === 401) setInfo(null);
        else setInfo(null);
      });
  }, [reloadWorkspaces]);

  useEffect(() => {
    if (!info) {
      setSessionExpiredHandler(null);
      return;
    }
    setSessionExpiredHandler(
      () =>
        new Promise<void>((resolve) => {
          waiting.current.push(resolve);
          setExpired(true);
        }),
    );
  }, [info]);

  const login = useCallback(
    async (username: string, password: string) => {
      const next = await postLogin(username, password);
      setInfo(next);
      if (expired) {
        setExpired(false);
        const resume = waiting.current;
        waiting.current = [];
        resume.forEach((go) => go());
      }
      await reloadWorkspaces();
    },
    [expired, reloadWorkspaces],
  );

  const logout = useCallback(async () => {
    try {
      await api.del('/session', { noRelogin: true });
    } finally {
      setCsrfToken(null);
      setInfo(null);
      setWorkspaces([]);
    }
  }, []);

  const value = useMemo(() => ({ info, workspaces, login, logout, reloadWorkspaces, expired }), [info, workspaces, login, logout, reloadWorkspaces, expired]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
