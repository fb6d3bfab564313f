import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { provideDemoCredentials, type DemoCredential } from '../playground';
import { QUERY_LIBRARY } from '../playground/query-library';
import { isLoopback, launchBrowser } from './browser';
import { adminToken, startTestServer, type TestServer } from './harness';

const SCREENSHOTS = path.resolve(__dirname, '../../../../screenshots');

let server: TestServer;
let browser: Browser;
let authorization: string;
/** What the IDE tests offer, as the demo does (a function: asked on every page load). */
const ideCredentials = (): DemoCredential[] => [
  { label: '演示：系统管理员（全市）', headers: { authorization }, description: '全部数据，敏感信息可见' },
  { label: '演示：匿名访问', headers: {}, description: '未登录：只能查看文档' },
];
beforeAll(async () => {
  server = await startTestServer();
  authorization = `Bearer ${await adminToken()}`;
  provideDemoCredentials(ideCredentials);
  browser = await launchBrowser();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  provideDemoCredentials(undefined);
  await browser?.close();
  await server.close();
});

interface OfflinePage {
  context: BrowserContext;
  page: Page;
  /** Non-loopback requests the page tried (all aborted) and requests that failed. */
  blocked: string[];
  failures: string[];
  /** Authorization headers of the GraphQL requests the page sent. */
  sentAuthorizations: Array<string | undefined>;
}

/** The IDE in a fresh browser context where every request off this machine is aborted. */
async function openOffline(): Promise<OfflinePage> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
  const result = { context, blocked: [] as string[], failures: [] as string[], sentAuthorizations: [] as Array<string | undefined> };
  await context.route('**/*', (route) => {
    const request = route.request();
    if (!isLoopback(request.url())) {
      result.blocked.push(request.url());
      return route.abort();
    }
    if (request.method() === 'POST') result.sentAuthorizations.push(request.headers().authorization);
    return route.continue();
  });
  const page = await context.newPage();
  page.on('requestfailed', (request) => result.failures.push(request.url()));
  await page.goto(server.url);
  await page.locator('.graphiql-execute-button').waitFor();
  return { ...result, page };
}

const showPlugin = (page: Page, title: string) => page.getByRole('button', { name: `Show ${title}` }).click();

describe('the GraphQL IDE at /graphql', () => {
  it('is served to browsers while API clients still get GraphQL', async () => {
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('GraphQL 查询工具');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('演示：系统管理员（全市）');
    for (const asset of html.match(/\/graphql\/assets\/[^"]+/g)!) {
      const response = await fetch(new URL(asset, server.url));
      expect(response.status).toBe(200);
    }

    const api = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': '1' },
    });
    expect(await api.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('loads and runs a query with every non-loopback request blocked, with the demo credential pre-filled', async () => {
    const { context, page, blocked, failures, sentAuthorizations } = await openOffline();
    expect(await page.locator('.pg-topic h3').first().innerText()).toMatch(/^组织与党员/);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await result.getByText('"gender"').first().waitFor({ timeout: 15000 });
    expect(await result.innerText()).not.toContain('"errors"');
    expect(sentAuthorizations).toContain(authorization);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'playground.png') });
    expect(blocked).toEqual([]);
    expect(failures).toEqual([]);
    await context.close();
  });

  it('runs a library query and exports its aggregate result as CSV and JSON', async () => {
    const { context, page, blocked } = await openOffline();
    const entry = page.locator('[data-query-id="hospital-temporary-branches"]');
    expect(await entry.innerText()).toContain('市医院的临时党支部与党员医护人员');
    await entry.getByRole('button', { name: '打开并运行' }).click();
    const result = page.locator('.result-window');
    await result.getByText('"memberCount": 65').first().waitFor({ timeout: 15000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-library.png') });

    await showPlugin(page, '导出');
    const table = page.locator('[data-table-path="hospital.nodes[0].analytics.temporaryMemberships.groups"]');
    const [csv] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('HospitalTemporaryBranches-hospital.nodes.analytics.temporaryMemberships.groups.csv');
    expect(fs.readFileSync((await csv.path())!, 'utf8')).toBe('\uFEFFoccupation,memberCount\r\nMEDICAL_STAFF,65\r\n');

    const couple = page.locator('[data-table-path="couple.nodes"]');
    const [json] = await Promise.all([page.waitForEvent('download'), couple.getByRole('button', { name: '导出 JSON' }).click()]);
    const rows = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
    expect(rows.map((row: { name: string }) => row.name).sort()).toEqual(['王双兰', '陈敬锋']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-export.png') });
    expect(blocked).toEqual([]);
    await context.close();
  });

  it('offers the server’s demo credentials in a picker that fills the headers editor', async () => {
    const { context, page } = await openOffline();
    await showPlugin(page, '凭据');
    const anonymous = page.locator('.pg-entry', { hasText: '演示：匿名访问' });
    await anonymous.getByRole('button', { name: '使用此凭据' }).click();
    await page.getByText('Headers', { exact: true }).click();
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor').last();
    expect(await headers.innerText()).toContain('{}');
    await page.locator('.pg-entry', { hasText: '演示：系统管理员（全市）' }).getByRole('button', { name: '使用此凭据' }).click();
    await headers.getByText('authorization').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-credentials.png') });
    await context.close();
  });

  it('shows the schema documentation in Chinese', async () => {
    // The IDE reads the schema with the standard introspection query; the query limits must let it through.
    const introspection = await server.gql(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }));
    expect(introspection.errors).toBeUndefined();
    const { context, page } = await openOffline();
    await showPlugin(page, 'Documentation Explorer');
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    await page.locator('.graphiql-doc-explorer').getByText('analytics', { exact: true }).first().click();
    await page.locator('.graphiql-doc-explorer').getByText('统计分析', { exact: false }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-docs.png') });
    await context.close();
  });
});

describe('the demo credentials at /graphql/demo-credentials', () => {
  const url = () => `${server.url}/demo-credentials`;
  const credentials = (): DemoCredential[] => [
    { label: '演示：系统管理员（全市）', role: 'ADMIN', organization: null, headers: { authorization }, description: 'ADMIN' },
    { label: '演示：数据分析人员', role: 'ANALYST', organization: '中共麻城市委员会', headers: { authorization: 'Bearer analyst' }, description: 'ANALYST · 中共麻城市委员会' },
    { label: '演示：匿名访问', headers: {} },
  ];
  afterEach(() => provideDemoCredentials(ideCredentials));

  it('answers 404 in the GraphQL error shape when none were provided (not the demo)', async () => {
    provideDemoCredentials(undefined);
    const response = await fetch(url());
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: 'NOT_FOUND' });
    expect(body.errors[0].message).toContain('演示凭据');
  });

  it('lists the provided credentials with role, organization and headers, uncacheable', async () => {
    provideDemoCredentials(credentials);
    const response = await fetch(url(), { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual([
      { label: '演示：系统管理员（全市）', role: 'ADMIN', organization: null, description: 'ADMIN', headers: { authorization } },
      { label: '演示：数据分析人员', role: 'ANALYST', organization: '中共麻城市委员会', description: 'ANALYST · 中共麻城市委员会', headers: { authorization: 'Bearer analyst' } },
      { label: '演示：匿名访问', role: null, organization: null, description: null, headers: {} },
    ]);
  });

  it('asks a function source on every request (tokens may be renewed)', async () => {
    let calls = 0;
    provideDemoCredentials(() => [{ label: `第 ${++calls} 次`, headers: {} }]);
    const labels = async () => ((await (await fetch(url())).json()) as Array<{ label: string }>).map((c) => c.label);
    expect(await labels()).toEqual(['第 1 次']);
    expect(await labels()).toEqual(['第 2 次']);
  });

  it('an empty list is still the demo: 200 with []', async () => {
    provideDemoCredentials([]);
    const response = await fetch(url());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
  });
});

describe('automatic persisted queries (APQ) for repeated dashboard queries', () => {
  const dashboard = QUERY_LIBRARY.find((entry) => entry.id === 'secretary-calls')!.query;
  const sha256Hash = createHash('sha256').update(dashboard).digest('hex');
  const persisted = { persistedQuery: { version: 1, sha256Hash } };

  async function post(body: Record<string, unknown>) {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization },
      body: JSON.stringify(body),
    });
    return { status: response.status, ...((await response.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> }) };
  }

  it('asks for the query once, then runs it from the hash alone (POST and cacheable GET)', async () => {
    const unknown = await post({ extensions: persisted });
    expect(unknown.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await post({ query: dashboard, extensions: persisted });
    expect(registered.data.analytics.careVisits.total.count).toBe(452);

    const hit = await post({ extensions: persisted });
    expect(hit.errors).toBeUndefined();
    expect(hit.data.analytics.careVisits.total.count).toBe(452);

    const get = await fetch(`${server.url}?extensions=${encodeURIComponent(JSON.stringify(persisted))}`, {
      headers: { accept: 'application/json', authorization, 'apollo-require-preflight': '1' },
    });
    expect(((await get.json()) as { data: any }).data.analytics.careVisits.total.count).toBe(452);
  });

  it('refuses a query whose hash does not match', async () => {
    const wrong = await post({ query: '{ __typename }', extensions: persisted });
    expect(wrong.status).toBe(400);
    expect(wrong.data).toBeUndefined();
    expect(wrong.errors).toHaveLength(1);
  });
});
