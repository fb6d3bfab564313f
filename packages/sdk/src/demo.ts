/**
 * The embedded demo's ready-made credentials, one per role. Only the demo (`pnpm start` with no
 * DATABASE_URL and no signing key) offers them, at `GET <endpoint>/demo-credentials`; anywhere
 * else the service answers 404 and this returns an empty list.
 */
import { GraphQLRequestError, toErrorItem, type FormattedError } from './errors.js';
import type { Role } from './generated/graphql.js';

export interface DemoCredential {
  /** Shown to people, e.g. 数据分析人员（全市，敏感信息脱敏）. */
  label: string;
  /** The role the token grants; null when the service did not say. */
  role: Role | null;
  /** Name of the organization the token is scoped to; null: the whole city (or not said). */
  organization: string | null;
  description: string | null;
  /** Request headers to send, e.g. `{ authorization: 'Bearer …' }` (empty: anonymous). */
  headers: Record<string, string>;
  /** The bearer token of `headers.authorization` without its scheme; null for an anonymous entry. */
  token: string | null;
}

type DemoFetch = (input: string, init: { method: 'GET'; headers: Record<string, string>; signal?: AbortSignal }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

export interface LoadDemoCredentialsOptions {
  /** Defaults to the global `fetch` (browsers, Node ≥ 18). */
  fetch?: DemoFetch;
  signal?: AbortSignal;
}

/**
 * Where the demo credentials are, derived from the GraphQL endpoint: `http://host/graphql` →
 * `http://host/graphql/demo-credentials` (same origin; `ws:`/`wss:` endpoints map to `http:`/`https:`).
 * A relative endpoint (e.g. `/graphql`) is resolved against the page's address in a browser.
 */
export function demoCredentialsUrl(endpoint: string | URL): string {
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  const url = new URL(endpoint, base);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  if (url.protocol === 'wss:') url.protocol = 'https:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/demo-credentials`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function toCredential(entry: unknown): DemoCredential | null {
  if (!entry || typeof entry !== 'object') return null;
  const raw = entry as Record<string, unknown>;
  if (typeof raw.label !== 'string') return null;
  const headers: Record<string, string> = {};
  if (raw.headers && typeof raw.headers === 'object') {
    for (const [name, value] of Object.entries(raw.headers as Record<string, unknown>)) if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  const token = headers.authorization?.replace(/^Bearer\s+/i, '').trim() || null;
  return { label: raw.label, role: text(raw.role) as Role | null, organization: text(raw.organization), description: text(raw.description), headers, token };
}

/**
 * The demo's credentials, or `[]` when the service offers none (404: not the demo) or cannot be
 * reached. Any other answer (e.g. a 500, or a body that is not a JSON list) rejects with a
 * `GraphQLRequestError` (code NETWORK_ERROR, or the server's own code), as the client does.
 *
 * ```ts
 * const roles = await loadDemoCredentials('https://example.org/graphql');
 * const client = createClient({ url, auth: { token: roles[0]?.token ?? undefined } });
 * ```
 */
export async function loadDemoCredentials(endpoint: string | URL, options: LoadDemoCredentialsOptions = {}): Promise<DemoCredential[]> {
  const doFetch = options.fetch ?? (globalThis.fetch as unknown as DemoFetch | undefined);
  if (!doFetch) throw new Error('loadDemoCredentials: no fetch available; pass options.fetch');
  const url = demoCredentialsUrl(endpoint);
  let response: Awaited<ReturnType<DemoFetch>>;
  let body: string;
  try {
    response = await doFetch(url, { method: 'GET', headers: { accept: 'application/json' }, signal: options.signal });
    body = await response.text();
  } catch (error) {
    // Aborted by the caller: that is not "no demo".
    if (options.signal?.aborted) throw error;
    return [];
  }
  if (response.status === 404) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (response.status >= 200 && response.status < 300 && Array.isArray(parsed)) {
    return parsed.map(toCredential).filter((c): c is DemoCredential => c !== null);
  }
  const errors = (parsed as { errors?: unknown } | undefined)?.errors;
  throw new GraphQLRequestError({
    errors: Array.isArray(errors) && errors.length
      ? errors.map((e) => toErrorItem(e as FormattedError))
      : [toErrorItem({ message: `演示凭据请求失败（HTTP ${response.status}）`, extensions: { code: 'NETWORK_ERROR', status: response.status } })],
    status: response.status,
  });
}
