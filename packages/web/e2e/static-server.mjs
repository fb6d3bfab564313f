// 极简静态服务器：提供 dist/，并把 /graphql（HTTP 与 WebSocket 升级）原样转发到服务。只用于端到端测试。
// setDemoCredentials(list) 之后，GET /graphql/demo-credentials 由这里回答（模拟内置演示库的服务）；
// setDemoCredentials(null) 则照常转发（非演示库的服务回答 404）。
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

export function startStaticServer({ root, target }) {
  const upstream = new URL(target);
  let demoCredentials = null;
  const server = http.createServer((req, res) => {
    if (demoCredentials && req.method === 'GET' && new URL(req.url, 'http://x').pathname === '/graphql/demo-credentials') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(demoCredentials));
      return;
    }
    if (req.url.startsWith('/graphql')) {
      const proxied = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      proxied.on('error', () => {
        res.writeHead(502);
        res.end('bad gateway');
      });
      req.pipe(proxied);
      return;
    }
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(root, urlPath === '/' ? 'index.html' : urlPath);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  const sockets = new Set();
  server.on('upgrade', (req, socket, head) => {
    const up = net.connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i];
        lines.push(`${name}: ${name.toLowerCase() === 'host' ? upstream.host : req.rawHeaders[i + 1]}`);
      }
      up.write(lines.join('\r\n') + '\r\n\r\n');
      if (head?.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    sockets.add(up);
    sockets.add(socket);
    const close = () => {
      up.destroy();
      socket.destroy();
    };
    up.on('error', close);
    socket.on('error', close);
    up.on('close', close);
    socket.on('close', close);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        setDemoCredentials: (list) => {
          demoCredentials = list;
        },
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
