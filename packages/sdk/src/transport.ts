/**
 * The transport layer, injectable so the small client runs where there is no `fetch` or
 * `WebSocket` (e.g. WeChat mini-programs: see `@dangjian/sdk/wx`).
 */

export interface HttpRequest {
  url: string;
  method: 'POST';
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  /** Give up after this many milliseconds (reject). */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

/** Sends one request. Rejects only when no response arrived (connection refused, timeout…). */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** What graphql-ws needs of a WebSocket instance. */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** A WebSocket class (the browser's, `ws` in Node, or an adapter such as the wx one). */
export interface WebSocketConstructor {
  new (url: string, protocols?: string | string[]): WebSocketLike;
  readonly CONNECTING: number;
  readonly OPEN: number;
  readonly CLOSING: number;
  readonly CLOSED: number;
}

export interface Transport {
  http: HttpTransport;
  /** For subscriptions; omitted: the global `WebSocket` (browsers, Node ≥ 22). In Node 20 pass `ws`. */
  WebSocket?: WebSocketConstructor | unknown;
}

type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{
  status: number;
  headers: { forEach(callback: (value: string, key: string) => void): void };
  text(): Promise<string>;
}>;

/** The default transport: the platform's `fetch` (browsers, Node ≥ 18) and `WebSocket`. */
export function fetchTransport(options: { fetch?: FetchLike; WebSocket?: WebSocketConstructor | unknown } = {}): Transport {
  const fetchImpl = options.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined);
  return {
    WebSocket: options.WebSocket,
    http: async (request) => {
      if (!fetchImpl) throw new Error('当前环境没有 fetch：请通过 transport 选项提供传输层（如小程序的 wxTransport(wx)）');
      const controller = typeof AbortController === 'function' && request.timeoutMs ? new AbortController() : undefined;
      const timer = controller ? setTimeout(() => controller.abort(), request.timeoutMs) : undefined;
      try {
        const response = await fetchImpl(request.url, { method: request.method, headers: request.headers, body: request.body, signal: controller?.signal });
        const headers: Record<string, string> = {};
        response.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
        return { status: response.status, headers, body: await response.text() };
      } finally {
        if (timer !== undefined) clearTimeout(timer);
      }
    },
  };
}
