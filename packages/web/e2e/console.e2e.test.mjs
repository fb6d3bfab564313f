// 端到端：真实服务（全新数据库 + 演示数据）+ 构建后的 dist + 无头 Chromium。
// 先运行 `vite build`（package.json 的 test 脚本会先构建 SDK、服务与本包）。
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { SignJWT } from 'jose';
import { createClient, MembersDocument, UpdateMemberDocument } from '@dangjian/sdk';
import { startStaticServer } from './static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '..');
const repoRoot = path.resolve(webDir, '../..');
const serverDir = path.join(repoRoot, 'packages/server');
const distDir = path.join(webDir, 'dist');
const shotsDir = path.join(repoRoot, 'screenshots');

const ADMIN_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `dangjian_web_e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const jwtSecret = randomBytes(32).toString('hex');

let serverProcess;
let serverLog = '';
let staticServer;
let browser;
let page;
let serverUrl;

function psql(sql) {
  execFileSync('psql', [ADMIN_URL, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: 'pipe' });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForServer(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (serverProcess.exitCode !== null) throw new Error(`服务进程已退出：\n${serverLog}`);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`服务未在 ${ms} 毫秒内就绪：\n${serverLog}`);
}

async function shot(name) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `web-${name}.png`), fullPage: true });
}

before(async () => {
  assert.ok(fs.existsSync(path.join(distDir, 'index.html')), '缺少 dist/：先运行 vite build');
  assert.ok(fs.existsSync(path.join(serverDir, 'dist/main.js')), '缺少 packages/server/dist：先构建服务');
  psql(`CREATE DATABASE "${dbName}"`);
  execFileSync(process.execPath, ['--enable-source-maps', 'dist/cli/seed.js'], { cwd: serverDir, env: { ...process.env, DATABASE_URL: dbUrl }, stdio: 'pipe' });

  const port = await freePort();
  serverProcess = spawn(process.execPath, ['dist/main.js'], {
    cwd: serverDir,
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: jwtSecret, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serverProcess.stdout.on('data', (d) => (serverLog += d));
  serverProcess.stderr.on('data', (d) => (serverLog += d));
  const target = `http://127.0.0.1:${port}`;
  serverUrl = target;
  await waitForServer(`${target}/graphql`, 60_000);

  staticServer = await startStaticServer({ root: distDir, target });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
  page.setDefaultTimeout(20_000);
});

after(async () => {
  await browser?.close().catch(() => {});
  await staticServer?.close().catch(() => {});
  if (serverProcess && serverProcess.exitCode === null) {
    const exited = new Promise((r) => serverProcess.once('exit', r));
    serverProcess.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (serverProcess.exitCode === null) serverProcess.kill('SIGKILL');
  }
  try {
    psql(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  } catch (error) {
    console.error('删除测试数据库失败', error);
  }
});

test('控制台：登录、驾驶舱、党员搜索与加载更多、组织架构、实时变更', async () => {
  const token = await new SignJWT({ role: 'ADMIN' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('e2e')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(jwtSecret));

  // 登录
  await page.goto(`${staticServer.url}/`);
  await page.getByRole('heading', { name: '党建数据中台 · 登录' }).waitFor();
  await shot('1-login');
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: '登录' }).click();

  // 驾驶舱：党员总数 = 演示数据的 41378
  await page.getByRole('heading', { name: '首页/驾驶舱' }).waitFor();
  const members = page.getByTestId('fig-members');
  await members.getByText('41,378').waitFor();
  await page.getByTestId('fig-grassroots').locator('.figure-value').filter({ hasText: /\d/ }).waitFor();
  await page.getByTestId('fig-coverage').getByText('%').first().waitFor();
  await page.getByTestId('fig-donations').getByText('万元').waitFor();
  await page.locator('[data-testid=occupation-chart] canvas').waitFor();
  await page.waitForTimeout(800); // 图表动画
  await shot('2-dashboard');

  // 党员：加载更多
  await page.getByRole('link', { name: '党员' }).click();
  const rows = page.locator('[data-testid=member-table] tbody tr.row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 20);
  await page.getByRole('button', { name: '加载更多' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=member-table] tbody tr.row').length > 20);
  assert.equal(await rows.count(), 40);
  await shot('3-members-more');

  // 党员：搜索 叶旭，展开详情显示电话（按服务返回的样子）
  await page.getByPlaceholder('按姓名搜索，如 叶旭').fill('叶旭');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.locator('[data-testid=member-table] td.name', { hasText: '叶旭' }).first().waitFor();
  const names = await page.locator('[data-testid=member-table] td.name').allTextContents();
  assert.ok(names.length >= 1 && names.every((n) => n.includes('叶旭')), `搜索结果：${names.join('、')}`);
  await page.locator('[data-testid=member-table] td.name', { hasText: '叶旭' }).first().click();
  const phone = (await page.getByTestId('member-phone').textContent()) ?? '';
  assert.match(phone, /^1\d{2}[\d*]{4}\d{4}$/);
  await shot('4-member-search');

  // 组织架构：展开市委，显示下级与人数
  await page.getByRole('link', { name: '组织架构' }).click();
  const root = page.locator('.tree.root > .tree-node > .tree-toggle').first();
  await root.getByText('41,378 名党员').waitFor();
  await root.click();
  await page.locator('.tree.root .tree .tree-node .count', { hasText: '名党员' }).first().waitFor();
  await shot('5-organizations');

  // 实时变更：页面订阅后，用 SDK 小客户端在服务端改一名党员，变更应实时出现在列表里
  await page.getByRole('link', { name: '实时变更' }).click();
  await page.getByTestId('live-status').waitFor();
  const sdk = createClient({ url: serverUrl + '/graphql', auth: { token } });
  const found = await sdk.query(MembersDocument, { filter: { names: ['叶旭'] }, first: 1 });
  const memberId = found.members.edges[0].node.id;
  const feedItem = page.locator('[data-testid=change-feed] li', { hasText: '叶旭' }).first();
  let seen = false;
  // 订阅在 WebSocket 握手完成后才生效：未看到就再改一次（每次写入都是一条新事件）。
  for (let attempt = 1; attempt <= 6 && !seen; attempt++) {
    await sdk.mutate(UpdateMemberDocument, { input: { id: memberId, address: `端到端测试地址 ${attempt}` } });
    seen = await feedItem.waitFor({ timeout: 3_000 }).then(() => true, () => false);
  }
  assert.ok(seen, '实时变更列表没有出现对 叶旭 的修改');
  assert.doesNotMatch((await page.getByTestId('live-status').textContent()) ?? '', /中断/);
  await shot('6-live');
});

async function signToken(claims, subject) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(jwtSecret));
}

test('控制台：督查、表彰、资金页面（1366×768 与手机宽度 390×844）', async () => {
  // 沿用上一个测试的登录状态（令牌在 localStorage 中）
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${staticServer.url}/#/dashboard`);
  await page.getByRole('heading', { name: '首页/驾驶舱' }).waitFor();
  await page.locator('[data-testid=inspection-chart] canvas').waitFor();

  // 督查：19 个专班，记录按轮次筛选，覆盖率
  await page.getByRole('link', { name: '督查', exact: true }).click();
  await page.getByTestId('team-total').getByText('共 19 个').waitFor();
  assert.equal(await page.locator('[data-testid=team-table] tbody tr').count(), 19);
  await page.locator('[data-testid=record-table] tbody tr').first().waitFor();
  await page.getByTestId('round-select').selectOption('17');
  await page.getByTestId('inspection-coverage').getByText('第 17 轮').waitFor();
  await page.getByTestId('inspection-coverage').getByText('%').waitFor();
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('[data-testid=record-table] tbody tr td:first-child')];
    return cells.length > 0 && cells.every((c) => c.textContent === '第 17 轮');
  });
  await shot('7-inspection');

  // 表彰：第一批通报表扬 4 / 10 / 8 / 20
  await page.getByRole('link', { name: '表彰' }).click();
  const first = page.locator('[data-testid=batch-row]', { hasText: '第一批' }).first();
  await first.waitFor();
  const cell = async (category) => ((await first.locator(`td[data-category=${category}]`).textContent()) ?? '').trim();
  assert.deepEqual(
    [await cell('FRONTLINE_MEMBER'), await cell('GRASSROOTS_CADRE'), await cell('MEDICAL_WORKER'), await cell('VOLUNTEER')],
    ['4', '10', '8', '20'],
  );
  await page.getByTestId('batch-total').getByText(/共 \d+ 批/).waitFor();
  await shot('8-commendations');

  // 资金：账户余额为两位小数的金额；默认选中第一个账户并显示其流水
  await page.getByRole('link', { name: '资金' }).click();
  const balance = page.getByTestId('account-balance').first();
  await balance.waitFor();
  assert.match(((await balance.textContent()) ?? '').trim(), /^-?\d{1,3}(,\d{3})*\.\d{2}$/);
  await page.locator('[data-testid=ledger-table] tbody tr, .card .state.empty').first().waitFor();
  await shot('9-funds');

  // 手机宽度：导航换行，页面本身不横向溢出（宽表格在卡片内横向滚动）
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('link', { name: '督查', exact: true }).click();
  await page.locator('[data-testid=record-table] tbody tr').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `页面在 390px 宽度下横向溢出 ${overflow}px`);
  await shot('10-inspection-phone');
  await page.setViewportSize({ width: 1360, height: 900 });
});

test('控制台：ANALYST 令牌查看党员详情时电话为脱敏值', async () => {
  const orgGlobalId = Buffer.from('Organization:1').toString('base64url');
  const token = await signToken({ role: 'ANALYST', org: orgGlobalId }, 'e2e-analyst');
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const analystPage = await context.newPage();
  analystPage.setDefaultTimeout(20_000);
  try {
    await analystPage.goto(`${staticServer.url}/`);
    await analystPage.getByRole('heading', { name: '党建数据中台 · 登录' }).waitFor();
    await analystPage.locator('#token').fill(`Authorization: Bearer ${token}`);
    await analystPage.getByRole('button', { name: '登录' }).click();
    await analystPage.getByRole('heading', { name: '首页/驾驶舱' }).waitFor();
    await analystPage.getByRole('link', { name: '党员' }).click();
    await analystPage.getByPlaceholder('按姓名搜索，如 叶旭').fill('叶旭');
    await analystPage.getByRole('button', { name: '搜索' }).click();
    const name = analystPage.locator('[data-testid=member-table] td.name', { hasText: '叶旭' }).first();
    await name.waitFor();
    await name.click();
    const phone = (await analystPage.getByTestId('member-phone').textContent()) ?? '';
    assert.ok(phone.includes('****'), `ANALYST 看到的电话应为脱敏值：${phone}`);
  } finally {
    await context.close();
  }
});
