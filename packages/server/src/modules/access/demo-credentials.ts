import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../common/auth/roles';
import { toGlobalId } from '../../common/global-id';
import { issueToken } from './authenticator';

export interface DemoCredential {
  label: string;
  role: Role;
  organization: string | null;
  headers: { authorization: string };
}

/** The demo's signing secret: generated on first start and kept beside the embedded database, never committed. */
export function demoJwtSecret(dataDir: string): string {
  const file = path.join(path.dirname(dataDir), 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** Looks an organization up by (part of) its name; the demo and `pnpm token` name organizations that way. */
export async function organizationByName(em: EntityManager, name: string): Promise<{ id: number; name: string } | null> {
  const [row] = await em.execute<Array<{ id: number; name: string }>>(
    `select id, name from organization where name like ? or code = ? order by depth, id limit 1`,
    [`%${name}%`, name],
  );
  return row ?? null;
}

const DEMO_ROLES: Array<{ label: string; role: Role; organization: string | null }> = [
  { label: '系统管理员（全市）', role: Role.ADMIN, organization: null },
  { label: '组织管理员（龙池桥街道）', role: Role.ORG_ADMIN, organization: '龙池桥街道工作委员会' },
  { label: '数据分析人员（全市，敏感信息脱敏）', role: Role.ANALYST, organization: '中共麻城市委员会' },
  { label: '下级系统（鼓楼街道）', role: Role.SYSTEM, organization: '鼓楼街道工作委员会' },
];

/** Ready-to-paste tokens for each role, printed at the demo's start and offered in the IDE. */
export async function demoCredentials(em: EntityManager, secret: string): Promise<DemoCredential[]> {
  return Promise.all(
    DEMO_ROLES.map(async ({ label, role, organization }) => {
      const found = organization ? await organizationByName(em, organization) : null;
      const token = await issueToken(secret, {
        subject: `demo-${role.toLowerCase()}`,
        role,
        organizationId: found ? toGlobalId('Organization', found.id) : null,
        expiresIn: '30d',
      });
      return { label, role, organization: found?.name ?? null, headers: { authorization: `Bearer ${token}` } };
    }),
  );
}

/**
 * The embedded demo, when no key is configured: tokens are signed with a generated secret, printed
 * at start-up ready to paste, and offered in the IDE's credential picker. Returns the secret the
 * service must verify with.
 */
export async function enableDemoCredentials(
  em: EntityManager,
  dataDir: string,
  offer: (credentials: DemoCredential[]) => void,
): Promise<string> {
  const secret = demoJwtSecret(dataDir);
  const credentials = await demoCredentials(em, secret);
  offer(credentials);
  const lines = credentials.map((c) => `  ${c.label}\n    Authorization: ${c.headers.authorization}`);
  process.stdout.write(`\n演示用令牌（粘贴到查询工具的 Headers，或在“凭据”面板中切换角色）：\n${lines.join('\n')}\n\n`);
  return secret;
}
