import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';

export interface BackoffOptions {
  /** First delay in milliseconds (default 300 for requests, 500 for subscriptions). */
  initialDelayMs?: number;
  /** Upper bound of any delay (default 10 000 for requests, 30 000 for subscriptions). */
  maxDelayMs?: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /** Randomise each delay between 50 % and 100 % of its value so clients don't reconnect in lockstep (default true). */
  jitter?: boolean;
}

/** Delay before retry number `attempt` (1 = first retry): exponential, capped, optionally jittered. */
export function backoffDelay(attempt: number, options: BackoffOptions, defaults: Required<Pick<BackoffOptions, 'initialDelayMs' | 'maxDelayMs'>>): number {
  const initial = options.initialDelayMs ?? defaults.initialDelayMs;
  const max = options.maxDelayMs ?? defaults.maxDelayMs;
  const delay = Math.min(max, initial * (options.factor ?? 2) ** Math.max(0, attempt - 1));
  return options.jitter === false ? delay : delay * (0.5 + Math.random() / 2);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A random key for idempotent mutations (UUID v4 where the platform has one). */
export function randomKey(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(Math.random() * 4)]}${hex(3)}-${hex(12)}`;
}

const printed = new WeakMap<DocumentNode, string>();

/** The query text of a document (printed once per document). */
export function queryText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

export function operationOf(document: DocumentNode): OperationDefinitionNode {
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('文档中没有操作（query / mutation / subscription）');
  return operation;
}

/** The graphql-ws URL for an HTTP endpoint: same host and path with ws(s)://; a relative path resolves against the page (browsers). */
export function toWebSocketUrl(url: string): string {
  if (/^https?:/i.test(url)) return url.replace(/^http/i, 'ws');
  const location = (globalThis as { location?: { protocol: string; host: string } }).location;
  if (location && url.startsWith('/')) return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${url}`;
  return url;
}
