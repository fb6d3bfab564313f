import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { consoleRouter } from '../console';

describe('the example console', () => {
  it('is served at / from its build, and nothing is served without one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<title>党建数据中台 · 控制台</title>');
    const built = express().use(consoleRouter(dir));
    const missing = express().use(consoleRouter(path.join(dir, 'absent')));
    const serve = (app: express.Express) =>
      new Promise<{ url: string; close: () => void }>((resolve) => {
        const server = app.listen(0, '127.0.0.1', () => {
          const { port } = server.address() as { port: number };
          resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
        });
      });
    const [withBuild, withoutBuild] = await Promise.all([serve(built), serve(missing)]);
    try {
      const page = await fetch(withBuild.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('党建数据中台 · 控制台');
      expect((await fetch(withoutBuild.url)).status).toBe(404);
    } finally {
      withBuild.close();
      withoutBuild.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
