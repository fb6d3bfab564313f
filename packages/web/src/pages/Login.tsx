import { useState, type FormEvent } from 'react';
import { getToken } from '../client';

export function Login({ onLogin }: { onLogin: (token: string) => void }) {
  const [value, setValue] = useState(getToken() ?? '');
  const [message, setMessage] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = value.trim().replace(/^Bearer\s+/i, '');
    if (!token) {
      setMessage('请粘贴访问令牌');
      return;
    }
    onLogin(token);
  };

  return (
    <div className="login">
      <form onSubmit={submit} className="card">
        <h1>党建数据中台 · 登录</h1>
        <p className="hint">
          粘贴服务签发的访问令牌（JWT，Bearer）。开发环境可用 <code>pnpm token</code> 生成；令牌只保存在本浏览器的 localStorage 中。
        </p>
        <label htmlFor="token">访问令牌</label>
        <textarea id="token" name="token" rows={5} value={value} onChange={(e) => setValue(e.target.value)} placeholder="eyJhbGciOi…" />
        {message ? <div className="state error">{message}</div> : null}
        <button type="submit">登录</button>
      </form>
    </div>
  );
}
