import http from 'node:http';
import WebSocket from 'ws';
import type { WxLike, WxSocketTask } from '../../src/index.js';

export interface FakeWx extends WxLike {
  requests: number;
  /** Headers of every wx.request call. */
  headers: Array<Record<string, string>>;
  sockets: WebSocket[];
}

/**
 * A stand-in for the WeChat mini-program API: `wx.request` and `wx.connectSocket` with the
 * callback shapes of the real ones (success/fail, header, statusCode, SocketTask.onOpen…),
 * implemented over Node's http and the ws package.
 */
export function fakeWx(): FakeWx {
  const wx: FakeWx = {
    requests: 0,
    headers: [],
    sockets: [],
    request(options) {
      wx.requests += 1;
      wx.headers.push(options.header);
      const url = new URL(options.url);
      const request = http.request(
        { hostname: url.hostname, port: url.port, path: url.pathname, method: options.method, headers: options.header, timeout: options.timeout },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => {
            // dataType other than 'json': the body arrives as text, as in the real API.
            const header = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)]));
            options.success({ statusCode: response.statusCode ?? 0, data: options.dataType === 'json' ? JSON.parse(body) : body, header });
          });
        },
      );
      request.on('error', (error) => options.fail({ errMsg: `request:fail ${error.message}` }));
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.end(options.data);
      return { abort: () => request.destroy() };
    },
    connectSocket(options) {
      const socket = new WebSocket(options.url, options.protocols, { headers: options.header });
      wx.sockets.push(socket);
      const task: WxSocketTask = {
        send: ({ data, fail }) => socket.send(data, (error) => error && fail?.({ errMsg: error.message })),
        close: ({ code, reason }) => socket.close(code, reason),
        onOpen: (callback) => socket.on('open', () => callback({ header: { 'Sec-WebSocket-Protocol': socket.protocol } })),
        onClose: (callback) => socket.on('close', (code, reason) => callback({ code, reason: reason.toString() })),
        onError: (callback) => socket.on('error', (error) => callback({ errMsg: error.message })),
        onMessage: (callback) => socket.on('message', (data, isBinary) => callback({ data: isBinary ? new Uint8Array(data as Buffer).buffer : data.toString() })),
      };
      return task;
    },
  };
  return wx;
}
