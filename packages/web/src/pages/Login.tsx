import { useState, type FormEvent } from 'react';
import type { Credential } from '../session';

/** Sign-in: paste a token, or (on the demo) pick one of the service's per-role demo credentials. */
export function Login({
  demo,
  saved,
  onLogin,
  onForget,
}: {
  demo: Credential[];
  saved: Credential[];
  onLogin: (token: string, label?: string) => void;
  onForget: (token: string) => void;
}) {
  const [value, setValue] = useState('');
  const [label, setLabel] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = value.trim().replace(/^Authorization:\s*/i, '').replace(/^Bearer\s+/i, '');
    if (!token) {
      setMessage('请粘贴访问令牌');
      return;
    }
    onLogin(token, label.trim() || undefined);
  };

  return (
    <div className="login">
      <form onSubmit={submit} className="card">
        <h1>党建数据中台 · 登录</h1>
        {demo.length ? (
          <div className="hint" data-testid="demo-roles">
            <strong>演示角色：</strong>选择一个角色直接进入，进入后可在页面右上角随时切换，对比不同角色能看到的范围与脱敏效果。
            <div className="demo-roles">
              {demo.map((c) => (
                <button type="button" key={c.token} onClick={() => onLogin(c.token)}>
                  进入：{c.label}
                </button>
              ))}
            </div>
          </div>
        ) : null}
        <p className="hint">粘贴服务签发的访问令牌（JWT，Bearer）。令牌只保存在本浏览器的 localStorage 中。</p>
        <div className="hint roles" data-testid="role-hint">
          <strong>切换角色：</strong>在内嵌演示库上运行 <code>pnpm start</code> 时，本页会列出系统管理员、组织管理员、数据分析人员、下级系统四个演示角色
          （启动日志也为每个角色打印一个 <code>Authorization: Bearer …</code> 令牌）；连接其他部署时，粘贴 <code>pnpm token --role … --org …</code>
          签发的令牌（可带 <code>Authorization:</code>、<code>Bearer</code> 前缀）。粘贴过的令牌都会出现在右上角的角色切换中。
        </div>
        <label htmlFor="token">访问令牌</label>
        <textarea id="token" name="token" rows={5} value={value} onChange={(e) => setValue(e.target.value)} placeholder="eyJhbGciOi…" />
        <label htmlFor="token-label">名称（可选，显示在角色切换中）</label>
        <input id="token-label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="如 龙池桥街道组织管理员" />
        {message ? <div className="state error">{message}</div> : null}
        <button type="submit">登录</button>
        {saved.length ? (
          <div className="hint" data-testid="saved-tokens">
            <strong>本浏览器保存的令牌：</strong>
            <ul>
              {saved.map((c) => (
                <li key={c.token}>
                  <button type="button" className="link" onClick={() => onLogin(c.token)}>
                    使用 {c.label}
                  </button>{' '}
                  <button type="button" className="link" onClick={() => onForget(c.token)}>
                    删除
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </form>
    </div>
  );
}
