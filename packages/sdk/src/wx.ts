/**
 * Transport for WeChat mini-programs (and look-alikes with the same API shape: QQ `qq`, uni-app `uni`, Taro):
 * HTTP over `wx.request`, WebSocket over `wx.connectSocket`. Runtimes without `fetch` or
 * `WebSocket` pass `transport: wxTransport(wx)` to `createClient`.
 */
import type { HttpTransport, Transport, WebSocketConstructor, WebSocketLike } from './transport.js';

/** The part of the `wx` API the SDK uses. */
export interface WxLike {
  request(options: {
    url: string;
    method: 'POST';
    header: Record<string, string>;
    data: string;
    dataType: string;
    responseType: 'text';
    timeout?: number;
    success(result: { statusCode: number; data: unknown; header?: Record<string, string> }): void;
    fail(error: { errMsg?: string }): void;
  }): unknown;
  connectSocket(options: { url: string; protocols?: string[]; header?: Record<string, string>; fail?(error: { errMsg?: string }): void }): WxSocketTask;
}

export interface WxSocketTask {
  send(options: { data: string; fail?(error: { errMsg?: string }): void }): void;
  close(options: { code?: number; reason?: string }): void;
  onOpen(callback: (result: { header?: Record<string, string> }) => void): void;
  onClose(callback: (result: { code: number; reason: string }) => void): void;
  onError(callback: (error: { errMsg?: string }) => void): void;
  onMessage(callback: (message: { data: string | ArrayBuffer }) => void): void;
}

function lowerCaseKeys(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

/** HTTP over `wx.request` (the body is sent and received as text; the SDK parses the JSON itself). */
export function wxHttp(wx: WxLike): HttpTransport {
  return (request) =>
    new Promise((resolve, reject) => {
      wx.request({
        url: request.url,
        method: request.method,
        header: request.headers,
        data: request.body,
        dataType: 'text',
        responseType: 'text',
        timeout: request.timeoutMs,
        success: (result) =>
          resolve({
            status: result.statusCode,
            headers: lowerCaseKeys(result.header),
            body: typeof result.data === 'string' ? result.data : JSON.stringify(result.data),
          }),
        fail: (error) => reject(new Error(error.errMsg ?? 'wx.request:fail')),
      });
    });
}

/** A WebSocket class (what graphql-ws expects) over `wx.connectSocket`. */
export function wxWebSocket(wx: WxLike): WebSocketConstructor {
  return class WxWebSocket implements WebSocketLike {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readyState = WxWebSocket.CONNECTING;
    protocol = '';
    onopen: WebSocketLike['onopen'] = null;
    onclose: WebSocketLike['onclose'] = null;
    onerror: WebSocketLike['onerror'] = null;
    onmessage: WebSocketLike['onmessage'] = null;
    private readonly task: WxSocketTask;

    constructor(url: string, protocols?: string | string[]) {
      const requested = protocols === undefined ? [] : Array.isArray(protocols) ? protocols : [protocols];
      this.task = wx.connectSocket({
        url,
        protocols: requested.length ? requested : undefined,
        fail: (error) => this.closed(1006, error.errMsg ?? 'connectSocket:fail'),
      });
      this.task.onOpen((result) => {
        const headers = lowerCaseKeys(result?.header);
        this.protocol = headers['sec-websocket-protocol'] ?? requested[0] ?? '';
        this.readyState = WxWebSocket.OPEN;
        this.onopen?.({});
      });
      this.task.onMessage((message) => {
        const data = typeof message.data === 'string' ? message.data : new TextDecoder().decode(message.data);
        this.onmessage?.({ data });
      });
      this.task.onError((error) => this.onerror?.(new Error(error?.errMsg ?? 'WebSocket error')));
      this.task.onClose((result) => this.closed(result?.code ?? 1006, result?.reason ?? ''));
    }

    private closed(code: number, reason: string): void {
      if (this.readyState === WxWebSocket.CLOSED) return;
      this.readyState = WxWebSocket.CLOSED;
      this.onclose?.({ code, reason, wasClean: code === 1000 });
    }

    send(data: string): void {
      this.task.send({ data, fail: (error) => this.onerror?.(new Error(error?.errMsg ?? 'send:fail')) });
    }

    close(code = 1000, reason = ''): void {
      if (this.readyState === WxWebSocket.CLOSING || this.readyState === WxWebSocket.CLOSED) return;
      this.readyState = WxWebSocket.CLOSING;
      this.task.close({ code, reason });
    }
  };
}

/** Both: `createClient({ url, transport: wxTransport(wx) })`. */
export function wxTransport(wx: WxLike): Transport {
  return { http: wxHttp(wx), WebSocket: wxWebSocket(wx) };
}
