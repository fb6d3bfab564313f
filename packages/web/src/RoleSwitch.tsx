import { useQuery } from '@apollo/client/react';
import { NodeDocument, isMasked } from '@dangjian/sdk';
import type { Credential } from './session';
import { ROLE_LABELS, shortOrgName } from './ui';

/** What the active credential may see: its role, and the organization subtree it is scoped to. */
function Scope({ credential }: { credential: Credential | undefined }) {
  const org = credential?.org ?? null;
  const node = useQuery(NodeDocument, { variables: { id: org ?? '' }, skip: !org });
  const name = node.data?.node && 'name' in node.data.node ? node.data.node.name : null;
  const masking = credential?.role === 'ANALYST' || credential?.role === 'SYSTEM';
  return (
    <span className="scope" data-testid="current-scope" title={name ?? undefined}>
      {ROLE_LABELS[credential?.role ?? ''] ?? credential?.role ?? '未知角色'} · 范围：{org ? (name ? shortOrgName(name) : node.loading ? '…' : '本组织及下级') : '全市'}
      {masking ? ' · 敏感信息脱敏' : ''}
    </span>
  );
}

/** Header control: switch between the demo's roles and pasted tokens; the whole console reloads its data as that role. */
export function RoleSwitch({ credentials, active, onSwitch }: { credentials: Credential[]; active: string; onSwitch: (token: string | null) => void }) {
  const current = credentials.find((c) => c.token === active);
  return (
    <div className="role-switch">
      <select
        aria-label="切换角色"
        data-testid="role-switch"
        value={active}
        onChange={(e) => onSwitch(e.target.value || null)}
      >
        {credentials.map((c) => (
          <option key={c.token} value={c.token}>
            {c.label}
          </option>
        ))}
        <option value="">添加令牌…</option>
      </select>
      <Scope credential={current} />
    </div>
  );
}

/** A masked value (e.g. 138****1234) gets a “已脱敏” tag so the visitor sees why. */
export function Sensitive({ value, testId }: { value: string | null | undefined; testId?: string }) {
  return (
    <>
      <span data-testid={testId}>{value ?? '—'}</span>
      {isMasked(value) ? <span className="masked">已脱敏</span> : null}
    </>
  );
}
