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
import { CommendationCategory, CommendationsDocument, createClient, MembersDocument, OrganizationsDocument, UpdateMemberDocument } from '@dangjian/sdk';
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

async function shot(name, target = page) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await target.screenshot({ path: path.join(shotsDir, `web-${name}.png`), fullPage: true });
}

/** The number in “共 41,378 名，已显示 20 名”. */
async function memberTotal(target = page) {
  const text = (await target.getByTestId('member-total').textContent()) ?? '';
  return Number(/共 ([\d,]+) 名/.exec(text)?.[1].replace(/,/g, '') ?? NaN);
}

/** Waits until the member total differs from `previous` and returns it. */
async function memberTotalChange(previous, target = page) {
  await target.waitForFunction(
    (prev) => {
      const m = /共 ([\d,]+) 名/.exec(document.querySelector('[data-testid=member-total]')?.textContent ?? '');
      return m && Number(m[1].replace(/,/g, '')) !== prev;
    },
    previous,
  );
  return memberTotal(target);
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

let adminToken;
const adminSdk = async () => {
  adminToken ??= await signToken({ role: 'ADMIN' }, 'e2e-admin');
  return createClient({ url: serverUrl + '/graphql', auth: { token: adminToken } });
};

test('控制台：驾驶舱新图表、党员筛选与详情、组织架构选中节点', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${staticServer.url}/#/dashboard`);
  await page.getByRole('heading', { name: '首页/驾驶舱' }).waitFor();
  // 各乡镇督查覆盖、捐赠与支出、表彰类别：ECharts 画布与图下的数字
  await page.locator('[data-testid=town-coverage-chart] canvas').waitFor();
  await page.getByTestId('town-coverage-caption').getByText('已督查 452 / 452 个村（社区）').waitFor();
  await page.locator('[data-testid=funds-chart] canvas').waitFor();
  assert.match((await page.getByTestId('funds-caption').textContent()) ?? '', /捐赠资金 [\d.]+万元，资金支出 [\d.]+万元/);
  await page.locator('[data-testid=commendation-chart] canvas').waitFor();
  await page.getByTestId('commendation-caption').getByText(/共表彰 \d+ 人（单位）/).waitFor();

  // 党员：按党员类别、再按党组织子树筛选，总数随之变小，仍可“加载更多”
  await page.getByRole('link', { name: '党员' }).click();
  await page.getByTestId('member-filters').waitFor();
  const clear = page.getByRole('button', { name: '清除条件' });
  if (await clear.isVisible()) await clear.click();
  await page.getByTestId('member-total').getByText('共 41,378 名').waitFor();
  await page.getByTestId('status-filter').selectOption('PROBATIONARY');
  const probationary = await memberTotalChange(41378);
  assert.ok(probationary > 0 && probationary < 41378, `预备党员 ${probationary}`);
  const statuses = await page.locator('[data-testid=member-table] tbody tr.row td:nth-child(3)').allTextContents();
  assert.ok(statuses.every((s) => s === '预备党员'), statuses.join('、'));
  await page.getByTestId('status-filter').selectOption('');
  await memberTotalChange(probationary);
  await page.getByTestId('org-picker-0').selectOption({ label: '中共麻城市龙池桥街道工作委员会' });
  const street = await memberTotalChange(41378);
  assert.ok(street > 20 && street < 41378, `龙池桥街道 ${street}`);
  await page.getByTestId('org-picker-1').waitFor(); // 下一级党组织可继续细分
  await page.getByRole('button', { name: '加载更多' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=member-table] tbody tr.row').length > 20);
  await shot('11-members-filtered');
  await page.getByRole('button', { name: '清除条件' }).click();
  await memberTotalChange(street);

  // 党员详情页：叶旭的职务与经历；详情总是取最新数据（地址刚由另一个客户端改过）
  const editor = await adminSdk();
  const ye = await editor.query(MembersDocument, { filter: { names: ['叶旭'] }, first: 1 });
  await editor.mutate(UpdateMemberDocument, { input: { id: ye.members.edges[0].node.id, address: '详情页测试地址 1 号' } });
  await page.getByPlaceholder('按姓名搜索，如 叶旭').fill('叶旭');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.locator('[data-testid=member-table] td.name', { hasText: /^叶旭$/ }).first().click();
  await page.getByTestId('member-open').click();
  await page.getByTestId('member-name').getByText('叶旭').waitFor();
  await page.getByTestId('member-positions').getByText('市委组织部部长').waitFor();
  await page.getByTestId('member-history').getByText('入党').waitFor();
  await page.getByTestId('member-changes').waitFor();
  await page.getByText('详情页测试地址 1 号').waitFor();
  await shot('12-member-detail');

  // 一名受表彰党员的详情页：表彰记录
  const sdk = await adminSdk();
  const awarded = await sdk.query(CommendationsDocument, { filter: { categories: [CommendationCategory.FRONTLINE_MEMBER] }, first: 1 });
  const recipient = awarded.commendations.edges[0].node.recipient;
  assert.equal(recipient.__typename, 'Member');
  await page.goto(`${staticServer.url}/#/members/${encodeURIComponent(recipient.id)}`);
  await page.getByTestId('member-name').getByText(recipient.name).waitFor();
  await page.getByTestId('member-commendations').getByText('一线党员').first().waitFor();
  assert.match((await page.getByTestId('member-commendations').locator('h2').textContent()) ?? '', /表彰（[1-9]\d*）/);

  // 组织架构：默认选中市委；选中下级节点后右侧显示其详情、下级、党员（分页）、党员岗、突击队
  await page.getByRole('link', { name: '组织架构' }).click();
  await page.getByTestId('org-detail-name').getByText('中共麻城市委员会').waitFor();
  await page.getByTestId('org-children').locator('.chip').first().waitFor();
  await page.locator('.tree.root > .tree-node > .tree-toggle').first().click();
  await page.locator('.tree-toggle', { hasText: '中共麻城市龙池桥街道工作委员会' }).click();
  await page.getByTestId('org-detail-name').getByText('中共麻城市龙池桥街道工作委员会').waitFor();
  await page.getByTestId('org-member-count').getByText(`${street.toLocaleString('en-US')} 名`).waitFor();
  await page.getByTestId('org-children').locator('.chip', { hasText: '名党员' }).first().waitFor();
  const memberRows = page.locator('[data-testid=org-members] tbody tr');
  await memberRows.first().waitFor();
  assert.equal(await memberRows.count(), 10);
  await page.getByTestId('org-members').getByRole('button', { name: /加载更多/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=org-members] tbody tr').length > 10);
  await page.getByTestId('org-posts').locator('.section-title').getByText(/共 \d+/).waitFor();
  await page.getByTestId('org-squads').locator('.section-title').getByText(/共 \d+/).waitFor();
  await shot('13-organization-selected');
});

test('控制台：每个页面在 1366×768 与手机宽度 390×844 下的截图，手机宽度不横向溢出', async () => {
  const sdk = await adminSdk();
  const found = await sdk.query(MembersDocument, { filter: { names: ['叶旭'] }, first: 1 });
  const pages = [
    ['dashboard', '[data-testid=commendation-chart] canvas'],
    ['organizations', '[data-testid=org-members] tbody tr'],
    ['members', '[data-testid=member-table] tbody tr'],
    [`members/${encodeURIComponent(found.members.edges[0].node.id)}`, '[data-testid=member-positions] li'],
    ['inspection', '[data-testid=record-table] tbody tr'],
    ['commendations', '[data-testid=batch-row]'],
    ['funds', '[data-testid=account-balance]'],
    ['changes', '[data-testid=live-status][data-status=live]'],
  ];
  for (const [width, height] of [[1366, 768], [390, 844]]) {
    await page.setViewportSize({ width, height });
    for (const [route, ready] of pages) {
      await page.goto(`${staticServer.url}/#/${route}`);
      await page.locator(ready).first().waitFor();
      await page.waitForTimeout(route === 'dashboard' ? 600 : 150); // 图表动画
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${route} 在 ${width}px 宽度下横向溢出 ${overflow}px`);
      await shot(`page-${route.split('/')[0]}${route.includes('/') ? '-detail' : ''}-${width}`);
    }
  }
  await page.setViewportSize({ width: 1360, height: 900 });
});

test('控制台：演示角色切换（管理员 → 组织管理员 → 数据分析人员），范围与脱敏随之变化', async () => {
  // 演示库的服务在 GET /graphql/demo-credentials 提供各角色的演示凭据（控制台通过 SDK 的 loadDemoCredentials 读取）；
  // 本测试的服务配置了 JWT_SECRET，不是演示库（该地址回答 404），所以由静态服务器代答同样形状的列表，凭据用本测试的密钥签发。
  const sdk = await adminSdk();
  const street = await sdk.query(OrganizationsDocument, { filter: { nameContains: '龙池桥街道工作委员会' }, first: 1 });
  const city = await sdk.query(OrganizationsDocument, { filter: { nameContains: '中共麻城市委员会' }, first: 1 });
  const notDemo = await fetch(`${staticServer.url}/graphql/demo-credentials`);
  assert.equal(notDemo.status, 404, '非演示库的服务不提供演示凭据');
  const credential = async (label, role, org, organization) => ({
    label,
    role,
    organization,
    description: organization ? `${role} · ${organization}` : role,
    headers: { authorization: `Bearer ${await signToken(org ? { role, org } : { role }, `demo-${role.toLowerCase()}`)}` },
  });
  staticServer.setDemoCredentials([
    await credential('系统管理员（全市）', 'ADMIN', null, null),
    await credential('组织管理员（龙池桥街道）', 'ORG_ADMIN', street.organizations.edges[0].node.id, '龙池桥街道工作委员会'),
    await credential('数据分析人员（全市，敏感信息脱敏）', 'ANALYST', city.organizations.edges[0].node.id, '中共麻城市委员会'),
  ]);

  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const demoPage = await context.newPage();
  demoPage.setDefaultTimeout(20_000);
  const credentialRequests = [];
  demoPage.on('request', (request) => request.url().endsWith('/graphql/demo-credentials') && credentialRequests.push(request.method()));
  try {
    await demoPage.goto(`${staticServer.url}/`);
    await demoPage.getByTestId('demo-roles').waitFor();
    assert.deepEqual(credentialRequests.slice(0, 1), ['GET']);
    await shot('14-login-demo-roles', demoPage);
    await demoPage.getByRole('button', { name: '进入：系统管理员（全市）' }).click();
    await demoPage.getByTestId('fig-members').getByText('41,378').waitFor();
    await demoPage.getByTestId('current-scope').getByText('系统管理员 · 范围：全市').waitFor();

    await demoPage.getByRole('link', { name: '党员' }).click();
    await demoPage.getByTestId('member-total').getByText('共 41,378 名').waitFor();

    // 组织管理员：只看到龙池桥街道的党员
    await demoPage.getByTestId('role-switch').selectOption({ label: '组织管理员（龙池桥街道）' });
    await demoPage.getByTestId('current-scope').getByText('范围：龙池桥街道').waitFor();
    const scoped = await memberTotalChange(41378, demoPage);
    assert.ok(scoped > 0 && scoped < 41378, `组织管理员看到 ${scoped} 名党员`);
    const orgs = await demoPage.locator('[data-testid=member-table] tbody tr.row td:nth-child(5)').allTextContents();
    assert.ok(orgs.every((name) => name.includes('龙池桥')), orgs.join('、'));
    await shot('15-role-org-admin', demoPage);

    // 数据分析人员：全市范围，电话、身份证号脱敏
    await demoPage.getByTestId('role-switch').selectOption({ label: '数据分析人员（全市，敏感信息脱敏）' });
    await demoPage.getByTestId('current-scope').getByText('敏感信息脱敏').waitFor();
    await memberTotalChange(scoped, demoPage);
    await demoPage.getByPlaceholder('按姓名搜索，如 叶旭').fill('叶旭');
    await demoPage.getByRole('button', { name: '搜索' }).click();
    await demoPage.locator('[data-testid=member-table] td.name', { hasText: /^叶旭$/ }).first().click();
    await demoPage.getByTestId('member-open').click();
    const phone = (await demoPage.getByTestId('member-phone').textContent()) ?? '';
    assert.ok(phone.includes('****'), `数据分析人员看到的电话应为脱敏值：${phone}`);
    assert.ok(((await demoPage.getByTestId('member-id-card').textContent()) ?? '').includes('*'));
    await demoPage.getByTestId('member-fields').getByText('已脱敏').first().waitFor();
    await shot('16-role-analyst-masked', demoPage);

    // 切回管理员：同一页面显示明文
    await demoPage.getByTestId('role-switch').selectOption({ label: '系统管理员（全市）' });
    await demoPage.getByTestId('member-phone').filter({ hasText: /^1\d{10}$/ }).waitFor();
  } finally {
    staticServer.setDemoCredentials(null);
    await context.close();
  }
});
