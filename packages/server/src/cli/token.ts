import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Role } from '../common/auth/roles';
import { toGlobalId } from '../common/global-id';
import { loadConfig } from '../config';
import { initOrm, resolveDatabase } from '../database';
import { ApiKey } from '../modules/access/access.entity';
import { generateApiKey, hashApiKey, issueToken } from '../modules/access/authenticator';
import { demoJwtSecret, organizationByName } from '../modules/access/demo-credentials';

const USAGE = `用法：
  pnpm token --role <ADMIN|ORG_ADMIN|ANALYST|SYSTEM> [--org <党组织名称或编码>] [--expires 12h]
  pnpm token --api-key --name <名称> --role <角色> --org <党组织名称或编码>
令牌用 JWT_SECRET（未设置时用内嵌演示库旁的演示密钥）签名；API Key 写入数据库（DATABASE_URL 或内嵌库）。`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, org: { type: 'string' }, expires: { type: 'string' }, 'api-key': { type: 'boolean' }, name: { type: 'string' } },
  });
  const role = values.role as Role;
  if (!Object.values(Role).includes(role) || (values['api-key'] && !values.name)) throw new Error(USAGE);
  const config = loadConfig();
  const database = await resolveDatabase(config);
  const orm = await initOrm(database.url);
  try {
    const em = orm.em.fork();
    const organization = values.org ? await organizationByName(em, values.org) : null;
    if (values.org && !organization) throw new Error(`找不到党组织：${values.org}`);
    if (role !== Role.ADMIN && !organization) throw new Error('除 ADMIN 外须用 --org 指定党组织');
    if (values['api-key']) {
      const key = generateApiKey();
      em.create(ApiKey, { name: values.name!, keyHash: hashApiKey(key), prefix: key.slice(0, 10), role, organization: organization?.id ?? null });
      await em.flush();
      console.log(`API Key（只显示这一次）：${key}\n请求头：X-API-Key: ${key}`);
    } else {
      const secret = config.auth.jwtSecret ?? demoJwtSecret(config.embeddedDataDir);
      const token = await issueToken(secret, {
        subject: `cli-${role.toLowerCase()}`,
        role,
        organizationId: organization ? toGlobalId('Organization', organization.id) : null,
        expiresIn: values.expires ?? '12h',
      });
      console.log(`${role}${organization ? `（${organization.name}）` : ''} 令牌：\nAuthorization: Bearer ${token}`);
    }
  } finally {
    await orm.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
