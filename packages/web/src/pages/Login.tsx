import { useState, type FormEvent } from 'react';
import { getToken } from '../client';

export function Login({ onLogin }: { onLogin: (token: string) => void }) {
  const [value, setValue] = useState(getToken() ?? '');
  const [message, setMessage] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = value.trim().replace(/^Authorization:\s*/i, '').replace(/^Bearer\s+/i, '');
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
          粘贴服务签发的访问令牌（JWT，Bearer）。令牌只保存在本浏览器的 localStorage 中。
        </p>
        <div className="hint roles" data-testid="role-hint">
          <strong>切换角色：</strong>控制台本身不提供演示账号。没有配置数据库时，在仓库根目录运行 <code>pnpm start</code>，
          启动日志会为每个角色各打印一个演示令牌（<code>Authorization: Bearer …</code>）：
          <ul>
            <li>系统管理员（全市）</li>
            <li>组织管理员（龙池桥街道）</li>
            <li>数据分析人员（全市，电话、身份证号等敏感信息脱敏）</li>
            <li>下级系统（鼓楼街道）</li>
          </ul>
          复制其中一行粘贴到下面（可带 <code>Authorization:</code>、<code>Bearer</code> 前缀）；要换角色，先“退出登录”再粘贴另一个。也可以用 <code>pnpm token</code> 签发指定角色与党组织的令牌。
        </div>
        <label htmlFor="token">访问令牌</label>
        <textarea id="token" name="token" rows={5} value={value} onChange={(e) => setValue(e.target.value)} placeholder="eyJhbGciOi…" />
        {message ? <div className="state error">{message}</div> : null}
        <button type="submit">登录</button>
      </form>
    </div>
  );
}
