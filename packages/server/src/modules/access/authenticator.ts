import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  createLocalJWKSet,
  errors as joseErrors,
  importSPKI,
  jwtVerify,
  SignJWT,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
import { Role } from '../../common/auth/roles';
import { unauthenticated, type Viewer } from '../../common/auth/viewer';
import { fromGlobalIdOf } from '../../common/global-id';
import type { AuthConfig } from '../../config';

const PATH_CACHE_MS = 30_000;
const LAST_USED_WRITE_MS = 60_000;
/** Verified tokens are remembered this long (never past their expiry), so a client's every request does not pay for a signature check. */
const VERIFIED_TOKEN_CACHE_MS = 60_000;
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): string {
  return `djk_${randomBytes(24).toString('base64url')}`;
}

type VerificationKey = Uint8Array | KeyLike | JWTVerifyGetKey;

async function verificationKey(config: AuthConfig): Promise<VerificationKey | null> {
  if (config.jwksFile) return createLocalJWKSet(JSON.parse(fs.readFileSync(config.jwksFile, 'utf8')));
  if (config.jwtPublicKeyFile) {
    const pem = fs.readFileSync(config.jwtPublicKeyFile, 'utf8');
    // The key's own type decides the algorithm: jose refuses a key of the other kind.
    for (const algorithm of ['RS256', 'ES256']) {
      const key = await importSPKI(pem, algorithm).catch(() => null);
      if (key) return key;
    }
    throw new Error(`JWT_PUBLIC_KEY_FILE（${config.jwtPublicKeyFile}）不是 RS256 或 ES256 公钥`);
  }
  return config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : null;
}

/**
 * Turns credentials into a Viewer: a Bearer JWT (HS256 secret, or RS256/ES256 public key / JWKS
 * file from configuration) or an API key (stored hashed, revocable). Bad credentials are refused
 * with UNAUTHENTICATED; no credentials at all make an anonymous caller (null).
 */
export class Authenticator {
  private readonly paths = new Map<number, { path: string; at: number }>();
  private readonly lastUsedWritten = new Map<number, number>();
  private readonly verifiedTokens = new Map<string, { payload: Record<string, unknown>; until: number }>();

  private constructor(
    private readonly orm: MikroORM,
    private readonly config: AuthConfig,
    private readonly key: VerificationKey | null,
  ) {}

  static async create(orm: MikroORM, config: AuthConfig): Promise<Authenticator> {
    return new Authenticator(orm, config, await verificationKey(config));
  }

  async authenticate(credentials: { authorization?: unknown; apiKey?: unknown }): Promise<Viewer | null> {
    const { authorization, apiKey } = credentials;
    if (typeof apiKey === 'string' && apiKey) return this.fromApiKey(apiKey);
    if (typeof authorization === 'string' && authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
      if (!match) throw unauthenticated('Authorization 头格式应为 “Bearer <令牌>”');
      return this.fromToken(match[1]);
    }
    return null;
  }

  private async fromToken(token: string): Promise<Viewer> {
    if (!this.key) throw unauthenticated('服务未配置令牌校验密钥，不能使用 Bearer 令牌');
    const payload = await this.verifiedPayload(token, this.key);
    const role = payload.role;
    if (typeof payload.sub !== 'string' || !Object.values(Role).includes(role as Role)) throw unauthenticated('令牌缺少有效的 sub 或 role 声明');
    return this.viewer(payload.sub, role as Role, typeof payload.org === 'string' ? payload.org : null);
  }

  private async verifiedPayload(token: string, key: VerificationKey): Promise<Record<string, unknown>> {
    const now = Date.now();
    const cached = this.verifiedTokens.get(token);
    if (cached && now < cached.until) return cached.payload;
    let payload: Record<string, unknown>;
    try {
      const options = { issuer: this.config.jwtIssuer, audience: this.config.jwtAudience };
      payload = (await jwtVerify(token, key as Uint8Array, options)).payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('令牌已过期，请重新获取');
      throw unauthenticated('令牌无效：签名、格式或声明不正确');
    }
    const expiry = typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity;
    if (this.verifiedTokens.size >= VERIFIED_TOKEN_CACHE_SIZE) this.verifiedTokens.delete(this.verifiedTokens.keys().next().value!);
    this.verifiedTokens.set(token, { payload, until: Math.min(expiry, now + VERIFIED_TOKEN_CACHE_MS) });
    return payload;
  }

  private async fromApiKey(key: string): Promise<Viewer> {
    const [row] = await this.orm.em
      .fork()
      .execute<Array<{ id: number; name: string; role: Role; organization_id: number | null; path: string | null }>>(
        `select k.id, k.name, k.role, k.organization_id, o.path from api_key k left join organization o on o.id = k.organization_id
         where k.key_hash = ? and k.revoked_at is null`,
        [hashApiKey(key)],
      );
    if (!row) throw unauthenticated('API Key 无效或已吊销');
    this.touch(row.id);
    if (row.role !== Role.ADMIN && !row.path) throw unauthenticated('API Key 未绑定有效的党组织');
    return { subject: `apikey:${row.name}`, role: row.role, organizationId: row.organization_id, scopePath: row.role === Role.ADMIN && !row.path ? null : row.path };
  }

  /** Records when a key was last used, at most once a minute per key. */
  private touch(id: number): void {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(id) ?? 0) < LAST_USED_WRITE_MS) return;
    this.lastUsedWritten.set(id, now);
    this.orm.em.fork().execute('update api_key set last_used_at = now() where id = ?', [id]).catch(() => undefined);
  }

  private async viewer(subject: string, role: Role, organization: string | null): Promise<Viewer> {
    if (!organization) {
      if (role !== Role.ADMIN) throw unauthenticated('令牌缺少 org 声明（所属党组织）');
      return { subject, role, organizationId: null, scopePath: null };
    }
    let organizationId: number;
    try {
      organizationId = fromGlobalIdOf('Organization', organization, 'org');
    } catch {
      throw unauthenticated('令牌的 org 声明不是有效的党组织 ID');
    }
    return { subject, role, organizationId, scopePath: await this.pathOf(organizationId) };
  }

  private async pathOf(organizationId: number): Promise<string> {
    const cached = this.paths.get(organizationId);
    if (cached && Date.now() - cached.at < PATH_CACHE_MS) return cached.path;
    const [row] = await this.orm.em.fork().execute<Array<{ path: string }>>('select path from organization where id = ?', [organizationId]);
    if (!row) throw unauthenticated('令牌所属的党组织不存在');
    this.paths.set(organizationId, { path: row.path, at: Date.now() });
    return row.path;
  }
}

export interface TokenClaims {
  subject: string;
  role: Role;
  /** Global id of the organization the caller is scoped to (omit for an unrestricted ADMIN). */
  organizationId?: string | null;
  expiresIn?: string;
}

/** Issues an HS256 token; used by `pnpm token`, the demo start-up and tests. */
export function issueToken(secret: string, claims: TokenClaims): Promise<string> {
  return new SignJWT({ role: claims.role, ...(claims.organizationId ? { org: claims.organizationId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(secret));
}
