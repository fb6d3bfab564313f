import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { isLoopback, launchBrowser } from './browser';
import { startTestServer, type TestServer } from './harness';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server.close();
});

describe('the GraphQL IDE at /graphql', () => {
  it('is served to browsers while API clients still get GraphQL', async () => {
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('GraphQL 查询工具');
    expect(html).not.toMatch(/(src|href)="https?:/);

    const api = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': '1' },
    });
    expect(await api.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('loads and runs a query with every non-loopback request blocked', async () => {
    const context = await browser.newContext();
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('requestfailed', (request) => failures.push(request.url()));
    await page.goto(server.url);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await result.getByText('totalCount').first().waitFor({ timeout: 15000 });
    expect(await result.innerText()).not.toContain('"errors"');
    const screenshots = path.resolve(__dirname, '../../../../screenshots');
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'playground.png') });
    expect(blocked).toEqual([]);
    expect(failures).toEqual([]);
    await context.close();
  });
});
