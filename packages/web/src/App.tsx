import { useEffect, useMemo, useState } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { createClient, getToken, setToken } from './client';
import { Login } from './pages/Login';
import { Dashboard } from './pages/Dashboard';
import { OrgTree } from './pages/OrgTree';
import { Members } from './pages/Members';
import { LiveChanges } from './pages/LiveChanges';
import { Inspection } from './pages/Inspection';
import { Commendations } from './pages/Commendations';
import { Funds } from './pages/Funds';

const ROUTES = [
  { path: 'dashboard', title: '首页/驾驶舱', Page: Dashboard },
  { path: 'organizations', title: '组织架构', Page: OrgTree },
  { path: 'members', title: '党员', Page: Members },
  { path: 'inspection', title: '督查', Page: Inspection },
  { path: 'commendations', title: '表彰', Page: Commendations },
  { path: 'funds', title: '资金', Page: Funds },
  { path: 'changes', title: '实时变更', Page: LiveChanges },
] as const;

function useHashPath(): string {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('?')[0] || 'dashboard';
  const [path, setPath] = useState(read);
  useEffect(() => {
    const onChange = () => setPath(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}

export function App() {
  const [token, setTokenState] = useState<string | null>(getToken);
  const client = useMemo(() => (token ? createClient() : null), [token]);
  const path = useHashPath();

  useEffect(() => () => client?.stop(), [client]);

  if (!token || !client || path === 'login') {
    return (
      <Login
        onLogin={(value) => {
          setToken(value);
          setTokenState(value);
          window.location.hash = '#/dashboard';
        }}
      />
    );
  }

  const route = ROUTES.find((r) => r.path === path) ?? ROUTES[0];
  const logout = () => {
    setToken(null);
    setTokenState(null);
    void client.clearStore();
    window.location.hash = '#/login';
  };

  return (
    <ApolloProvider client={client}>
      <div className="layout">
        <header className="topbar">
          <span className="brand">党建数据中台 · 控制台</span>
          <nav>
            {ROUTES.map((r) => (
              <a key={r.path} href={`#/${r.path}`} className={r === route ? 'active' : ''}>
                {r.title}
              </a>
            ))}
          </nav>
          <button type="button" className="link" onClick={logout}>
            退出登录
          </button>
        </header>
        <main>
          <h1>{route.title}</h1>
          <route.Page />
        </main>
      </div>
    </ApolloProvider>
  );
}
