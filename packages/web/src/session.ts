import { loadDemoCredentials as loadSdkDemoCredentials } from '@dangjian/sdk';
import { GRAPHQL_URL, getToken, setToken } from './client';
import { ROLE_LABELS } from './ui';

/** A credential the console can switch to: a token and what it claims (read, not verified: the service verifies). */
export interface Credential {
  token: string;
  role: string;
  /** Global id of the organization the token is scoped to (none: the whole city). */
  org: string | null;
  label: string;
  source: 'demo' | 'pasted';
}

const KEYRING_KEY = 'dangjian.tokens';

/** The JWT payload's role and org claims, or null for something that is not a JWT (e.g. an API key). */
export function readClaims(token: string): { role?: string; org?: string; sub?: string } | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

export function credentialOf(token: string, label?: string, source: Credential['source'] = 'pasted'): Credential {
  const claims = readClaims(token);
  const role = claims?.role ?? 'UNKNOWN';
  return { token, role, org: claims?.org ?? null, label: label ?? `${ROLE_LABELS[role] ?? role}${claims?.org ? '（本组织范围）' : '（全市）'}`, source };
}

/** Tokens pasted on this browser, newest first (the active one is also in client.ts's TOKEN_KEY). */
export function savedCredentials(): Credential[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEYRING_KEY) ?? '[]') as Credential[];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

export function saveCredential(credential: Credential): void {
  const rest = savedCredentials().filter((c) => c.token !== credential.token);
  localStorage.setItem(KEYRING_KEY, JSON.stringify([credential, ...rest].slice(0, 10)));
}

export function forgetCredential(token: string): void {
  localStorage.setItem(KEYRING_KEY, JSON.stringify(savedCredentials().filter((c) => c.token !== token)));
  if (getToken() === token) setToken(null);
}

/**
 * The embedded demo's per-role credentials, through the SDK (`GET /graphql/demo-credentials`).
 * Only the demo (embedded database, no configured key) offers them; anywhere else, or if the
 * service cannot be reached, the list is empty and the console falls back to pasted tokens.
 * Anonymous entries (no token) are left out: the console always signs in with a token.
 */
export async function loadDemoCredentials(): Promise<Credential[]> {
  try {
    const offered = await loadSdkDemoCredentials(new URL(GRAPHQL_URL, window.location.href));
    return offered.flatMap(({ token, label }) => (token ? [credentialOf(token, label, 'demo')] : []));
  } catch {
    return [];
  }
}

/** Every credential to offer: the demo's (if any), then pasted ones not already listed. */
export function mergeCredentials(demo: Credential[], saved: Credential[]): Credential[] {
  const seen = new Set(demo.map((c) => c.token));
  return [...demo, ...saved.filter((c) => !seen.has(c.token))];
}
