/**
 * Credentials. One `auth` option feeds both channels: HTTP headers (`Authorization: Bearer …`,
 * `X-API-Key: …`) and the graphql-ws `connection_init` payload (`{ authorization, apiKey }`).
 */
export interface Credentials {
  /** JWT issued for a user (sent as `Authorization: Bearer <token>`). */
  token?: string | null;
  /** API key of a downstream system (sent as `X-API-Key: <key>`). */
  apiKey?: string | null;
}

/** Fixed credentials, or a function called before every request and every (re)connection, e.g. to refresh a token. */
export type AuthOption = Credentials | (() => Credentials | null | undefined | Promise<Credentials | null | undefined>);

export async function resolveAuth(auth: AuthOption | undefined): Promise<Credentials> {
  if (!auth) return {};
  const credentials = typeof auth === 'function' ? await auth() : auth;
  return credentials ?? {};
}

function bearer(token: string): string {
  return /^bearer\s/i.test(token) ? token : `Bearer ${token}`;
}

export function authHeaders(credentials: Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (credentials.token) headers.authorization = bearer(credentials.token);
  if (credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
  return headers;
}

export function authConnectionParams(credentials: Credentials): { authorization?: string; apiKey?: string } {
  const params: { authorization?: string; apiKey?: string } = {};
  if (credentials.token) params.authorization = bearer(credentials.token);
  if (credentials.apiKey) params.apiKey = credentials.apiKey;
  return params;
}
