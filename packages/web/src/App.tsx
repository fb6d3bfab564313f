import { useEffect, useMemo, useState, type ComponentType } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { createClient, getToken, setToken } from './client';
import { credentialOf, forgetCredential, loadDemoCredentials, mergeCredentials, saveCredential, savedCredentials, type Credential } from './session';
import { RoleSwitch } from './RoleSwitch';
import { Login } from './pages/Login';
import { Dashboard } from './pages/Dashboard';
import { OrgTree } from './pages/OrgTree';
import { Members } from './pages/Members';
import { LiveChanges } from './pages/LiveChanges';
import { Inspection } from './pages/Inspection';
import { Commendations } from './pages/Commendations';
import { Funds } from './pages/Funds';

const ROUTES: ReadonlyArray<{ path: string; title: string; Page: ComponentType<{ param: string | null }> }> = [
  { path: 'dashboard', title: '首页/驾驶舱', Page: Dashboard },
  { path: 'organizations', title: '组织架构', Page: OrgTree },
  { path: 'members', title: '党员', Page: Members },
  { path: 'inspection', title: '督查', Page: Inspection },
  { path: 'commendations', title: '表彰', Page: Commendations },
  { path: 'funds', title: '资金', Page: Funds },
  { path: 'changes', title: '实时变更', Page: LiveChanges },
];

/** Hash route `#/<page>/<param>`, e.g. `#/members/TWVtYmVyOjE` for a member's page. */
function useHashRoute(): { path: string; param: string | null } {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('?')[0] || 'dashboard';
  const [hash, setHash] = useState(read);
  useEffect(() => {
    const onChange = () => setHash(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const [path, ...rest] = hash.split('/');
  return { path, param: rest.length ? decodeURIComponent(rest.join('/')) : null };
}

/** The demo's role credentials (if the service offers them) and the tokens pasted on this browser. */
function useCredentials(token: string | null): [Credential[], Credential[], () => void] {
  const [demo, setDemo] = useState<Credential[]>([]);
  const [saved, setSaved] = useState<Credential[]>(savedCredentials);
  useEffect(() => {
    let live = true;
    void loadDemoCredentials().then((list) => live && setDemo(list));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => setSaved(savedCredentials()), [token]);
  return [mergeCredentials(demo, saved), demo, () => setSaved(savedCredentials())];
}

export function App() {
  const [token, setTokenState] = useState<string | null>(getToken);
  const client = useMemo(() => (token ? createClient() : null), [token]);
  const { path, param } = useHashRoute();
  const [credentials, demo, refreshSaved] = useCredentials(token);

  useEffect(() => () => client?.stop(), [client]);

  /** Switches the console to another credential (null: to the sign-in page). */
  const use = (value: string | null) => {
    setToken(value);
    setTokenState(value);
    if (!value) window.location.hash = '#/login';
  };

  if (!token || !client || path === 'login') {
    return (
      <Login
        demo={demo}
        saved={credentials.filter((c) => c.source === 'pasted')}
        onLogin={(value, label) => {
          if (!demo.some((c) => c.token === value)) saveCredential(credentialOf(value, label));
          use(value);
          window.location.hash = '#/dashboard';
        }}
        onForget={(value) => {
          forgetCredential(value);
          refreshSaved();
          if (value === token) setTokenState(null);
        }}
      />
    );
  }

  const route = ROUTES.find((r) => r.path === path) ?? ROUTES[0];
  const logout = () => {
    forgetCredential(token);
    void client.clearStore();
    use(null);
  };

  return (
    <ApolloProvider client={client} key={token}>
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
          <RoleSwitch credentials={credentials.some((c) => c.token === token) ? credentials : [credentialOf(token), ...credentials]} active={token} onSwitch={use} />
          <button type="button" className="link" onClick={logout}>
            退出登录
          </button>
        </header>
        <main>
          <h1>{route.title}</h1>
          <route.Page param={param} />
        </main>
      </div>
    </ApolloProvider>
  );
}
