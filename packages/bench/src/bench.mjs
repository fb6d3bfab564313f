// pnpm bench: our GraphQL service vs PostGraphile v5 vs one hand-written SQL statement per request.
//   --duration=5 --rounds=3 --connections=10 --warmup=3 --skip-seed --scale=5 --only=a,d --report=out.md
//   --scale=N: about N× the members (seeded, then multiplied in SQL, see scale.mjs), in its own
//   database dangjian_bench_xN so that the scale-1 dangjian_bench stays as it is.
import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pg from 'pg';
import { buildQueries, ORG_NAME } from './queries.mjs';
import { MAX_SCALE, scaleMembers } from './scale.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const flag = (name, fallback) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
};
const DURATION = Number(flag('duration', 5));
/** Seconds of unrecorded load per query and side before the rounds, so that no side is measured while its JIT is still cold. */
const WARMUP = Number(flag('warmup', 3));
const ROUNDS = Number(flag('rounds', 3));
const CONNECTIONS = Number(flag('connections', 10));
const ONLY = flag('only', '');
const SKIP_SEED = process.argv.includes('--skip-seed');
const SCALE = Number(flag('scale', '1'));
if (!Number.isInteger(SCALE) || SCALE < 1 || SCALE > MAX_SCALE) {
  console.error(`--scale 须为 1–${MAX_SCALE} 的整数`);
  process.exit(2);
}
const SERVER = process.env.BENCH_DATABASE_SERVER || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = SCALE === 1 ? 'dangjian_bench' : `dangjian_bench_x${SCALE}`;
/** Database comment written once a scaled load has finished, so --skip-seed never reuses a half-built one. */
const LOADED_MARK = `dangjian bench dataset, scale ${SCALE}`;
const dbUrl = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

const children = [];
function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** True when DB_NAME exists and (for a scaled one) its load ran to the end. */
async function databaseReady() {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `select shobj_description(oid, 'pg_database') as mark from pg_database where datname = $1`,
      [DB_NAME],
    );
    return rows.length > 0 && (SCALE === 1 || rows[0].mark === LOADED_MARK);
  } finally {
    await admin.end();
  }
}

async function prepareDatabase() {
  const started = Date.now();
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  console.log(`# 播种 ${DB_NAME}（pnpm --filter @dangjian/server seed）…`);
  execFileSync('pnpm', ['--filter', '@dangjian/server', 'seed'], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (SCALE > 1) {
    const seeded = Date.now();
    console.log(`# 放大到 ×${SCALE}：每名党员复制 ${SCALE - 1} 份（同一组织，连同表彰），重建序列并 ANALYZE…`);
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      await scaleMembers(db, SCALE);
    } finally {
      await db.end();
    }
    await admin.query(`comment on database ${DB_NAME} is '${LOADED_MARK}'`);
    console.log(`# 放大用时 ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
  }
  await admin.end();
  console.log(`# 建库用时 ${((Date.now() - started) / 1000).toFixed(1)} s（含播种）`);
}

/**
 * V8 flags every Node server of the run gets: our service's production command sets the young
 * generation's semi-space size (16 MB measured best of the default, 16, 32 and 64 MB), and the
 * peer and the floor get the same, so the comparison stays even.
 */
const NODE_FLAGS = ['--max-semi-space-size=16'];

function start(name, args, env) {
  const child = spawn(process.execPath, [...NODE_FLAGS, ...args], {
    cwd: repo,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  child.on('exit', (code) => {
    if (code && code !== 143) console.error(`${name} exited with ${code}\n${stderr}`);
  });
  children.push(child);
  return child;
}

async function post(url, body, headers = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

/** Polls until a query answers without errors; returns ms since `since`. */
async function waitReady(url, body, headers, since, child) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url} 进程已退出`);
    try {
      const r = await post(url, body, headers);
      if (r.status === 200 && !r.json.errors) return Date.now() - since;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const rssMb = (pid) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
};

async function statements(baseUrl) {
  const r = await fetch(`${baseUrl}/__stats`);
  return (await r.json()).statements;
}

function load(target, duration = DURATION) {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let gqlErrors = 0;
    const inst = autocannon(
      {
        url: target.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body: JSON.stringify(target.body),
        connections: CONNECTIONS,
        duration,
        setupClient: (client) => {
          client.on('body', (b) => {
            if (b.includes('"errors"')) gqlErrors += 1;
          });
        },
      },
      (err, result) => (err ? reject(err) : resolve({ result, bytes, gqlErrors })),
    );
    inst.on('response', (_c, _status, resBytes) => (bytes += resBytes));
  });
}

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');

async function main() {
  const t0 = Date.now();
  if (!SKIP_SEED) await prepareDatabase();
  else if (!(await databaseReady())) {
    console.log(`# --skip-seed：${DB_NAME} 不存在${SCALE > 1 ? '或未完成放大' : ''}，先建库`);
    await prepareDatabase();
  } else console.log(`# --skip-seed：沿用已有的 ${DB_NAME}`);
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const { rows: orgRows } = await db.query('select id from organization where name = $1', [ORG_NAME]);
  const { rows: cnt } = await db.query('select (select count(*) from member)::int as n, (select count(*) from organization)::int as orgs');
  if (!orgRows.length) throw new Error(`找不到 ${ORG_NAME}`);
  const dataset = `数据规模 ×${SCALE}：数据库 ${DB_NAME}，${fmt(cnt[0].n)} 名党员，${fmt(cnt[0].orgs)} 个党组织`;
  console.log(`# ${dataset}`);
  const queries = buildQueries({ orgId: orgRows[0].id }).filter((q) => !ONLY || ONLY.split(',').includes(q.key));
  for (const q of queries) if (q.setupSql) await db.query(q.setupSql);

  // --- our service, production mode ---
  const secret = crypto.randomBytes(32).toString('hex');
  const token = await new SignJWT({ role: 'ADMIN' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('bench')
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
  const [oursPort, peerPort, floorPort] = [await freePort(), await freePort(), await freePort()];
  const oursStart = Date.now();
  const ours = start('ours', ['packages/server/dist/main.js'], {
    DATABASE_URL: dbUrl,
    PORT: String(oursPort),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    JWT_SECRET: secret,
    RATE_LIMIT_PER_MINUTE: '100000000',
    MAX_QUERY_COST: '100000000',
    EXPOSE_SQL_COUNT: '1',
    LOG_LEVEL: 'warn',
  });
  const peerStart = Date.now();
  const peer = start('postgraphile', [path.join(here, 'peer-server.mjs')], { DATABASE_URL: dbUrl, PORT: String(peerPort), GRAPHILE_ENV: 'production' });
  const floor = start('floor', [path.join(here, 'floor-server.mjs')], { DATABASE_URL: dbUrl, PORT: String(floorPort) });

  const auth = { authorization: `Bearer ${token}` };
  const probe = { query: '{ __typename }' };
  const targets = {
    ours: { url: `http://127.0.0.1:${oursPort}/graphql`, headers: auth, pid: ours.pid },
    peer: { url: `http://127.0.0.1:${peerPort}/graphql`, headers: {}, pid: peer.pid, base: `http://127.0.0.1:${peerPort}` },
    floor: { url: `http://127.0.0.1:${floorPort}/q`, headers: {}, pid: floor.pid, base: `http://127.0.0.1:${floorPort}` },
  };
  const startup = {
    ours: await waitReady(targets.ours.url, probe, auth, oursStart, ours),
    peer: await waitReady(targets.peer.url, probe, {}, peerStart, peer),
  };
  await waitReady(targets.floor.url, { sql: 'select 1 as data' }, {}, Date.now(), floor);
  console.log(`# 启动到首次应答：本服务 ${startup.ours} ms，PostGraphile ${startup.peer} ms（两者同时启动，争用 CPU）`);

  const bodyFor = (q, who) =>
    who === 'floor' ? { sql: q.floor.sql, params: q.floor.params ?? [] } : { query: q[who].query, variables: q[who].variables ?? {} };

  // --- 1. correctness: same data from every side ---
  const plan = [];
  for (const q of queries) {
    const results = {};
    const sqlCount = {};
    for (const who of ['ours', 'peer', 'floor']) {
      if (!q[who]) continue;
      const before = who === 'ours' ? 0 : await statements(targets[who].base);
      const r = await post(targets[who].url, bodyFor(q, who), targets[who].headers);
      if (r.json.errors || r.status !== 200) throw new Error(`${q.key} ${who}: ${JSON.stringify(r.json.errors ?? r.json).slice(0, 500)}`);
      sqlCount[who] = who === 'ours' ? r.json.extensions?.sqlStatements : (await statements(targets[who].base)) - before - 0;
      results[who] = q.normalize(q[who].pick(r.json.data));
      if (q.verifySql) results[who] = { ...results[who], row: (await db.query(q.verifySql)).rows[0] };
    }
    const oursJson = results.ours;
    const bad = Object.keys(results).filter((who) => !isDeepStrictEqual(results[who], oursJson));
    if (bad.length) {
      for (const who of bad) {
        fs.writeFileSync(path.join(os.tmpdir(), `bench-${q.key}-${who}.json`), JSON.stringify(results[who], null, 1));
      }
      fs.writeFileSync(path.join(os.tmpdir(), `bench-${q.key}-ours.json`), JSON.stringify(oursJson, null, 1));
      throw new Error(`${q.title}：${bad.join(', ')} 的数据与本服务不一致（见 ${os.tmpdir()}/bench-${q.key}-*.json）`);
    }
    console.log(`✓ ${q.title}：${Object.keys(results).join(' / ')} 数据一致`);
    plan.push({ q, sqlCount });
  }

  // --- 2. load, interleaved per round: ours, peer, floor (after an unrecorded warm-up) ---
  if (WARMUP > 0) {
    for (const { q } of plan) {
      for (const who of ['ours', 'peer', 'floor']) if (q[who]) await load({ ...targets[who], body: bodyFor(q, who) }, WARMUP);
      process.stdout.write(`\r# 预热：${q.key} 完成   `);
    }
    process.stdout.write('\n');
  }
  const stats = new Map();
  let peakRss = { ours: 0, peer: 0, floor: 0 };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const { q } of plan) {
      for (const who of ['ours', 'peer', 'floor']) {
        if (!q[who]) continue;
        const target = { ...targets[who], body: bodyFor(q, who) };
        const sampler = setInterval(() => (peakRss[who] = Math.max(peakRss[who], rssMb(targets[who].pid))), 250);
        const { result, bytes, gqlErrors } = await load(target);
        clearInterval(sampler);
        const key = `${q.key}:${who}`;
        const s = stats.get(key) ?? { reqs: 0, secs: 0, p50: [], p99: [], errors: 0, bytes: 0 };
        s.reqs += result.requests.total;
        s.secs += result.duration;
        s.p50.push(result.latency.p50);
        s.p99.push(result.latency.p99);
        s.errors += result.errors + result.timeouts + result.non2xx + gqlErrors;
        s.bytes += bytes;
        stats.set(key, s);
      }
      process.stdout.write(`\r# 第 ${round}/${ROUNDS} 轮：${q.key} 完成   `);
    }
  }
  process.stdout.write('\n');

  // --- 3. report ---
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const lines = [];
  const out = (l) => {
    lines.push(l);
    console.log(l);
  };
  out(`\n${dataset}`);
  out(`命令参数：每个查询每方先预热 ${WARMUP} s（不计入），再 ${ROUNDS} 轮 × ${DURATION} s × ${CONNECTIONS} 连接，三方交替压测，Node 参数 ${NODE_FLAGS.join(" ")}（三方相同）；p50/p99 为各轮中位数；字节为平均每个响应。`);
  out(`机器：${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}，负载 ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}，Node ${process.version}\n`);
  out('| 查询 | 实现 | req/s | p50 (ms) | p99 (ms) | 错误 | 字节/响应 | SQL 条数/请求 | 本服务/对方 req/s |');
  out('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const names = { ours: '本服务', peer: 'PostGraphile 5', floor: '手写 SQL' };
  for (const { q, sqlCount } of plan) {
    const rps = {};
    for (const who of ['ours', 'peer', 'floor']) {
      const s = stats.get(`${q.key}:${who}`);
      if (s) rps[who] = s.reqs / s.secs;
    }
    for (const who of ['ours', 'peer', 'floor']) {
      const s = stats.get(`${q.key}:${who}`);
      if (!s) {
        out(`| ${q.title} | ${names[who]} | ⚠ 无法表达：${q.peerMissing} | | | | | | |`);
        continue;
      }
      const ratio = who === 'ours' || !rps.ours ? '' : `${fmt(rps.ours / rps[who], 2)}×`;
      out(`| ${q.title} | ${names[who]} | ${fmt(rps[who])} | ${fmt(median(s.p50))} | ${fmt(median(s.p99))} | ${s.errors} | ${fmt(s.bytes / Math.max(1, s.reqs))} | ${sqlCount[who] ?? '—'} | ${ratio} |`);
    }
  }
  out(`\n服务进程峰值 RSS（压测期间 /proc/<pid>/status VmRSS）：本服务 ${fmt(peakRss.ours)} MB，PostGraphile ${fmt(peakRss.peer)} MB，手写 SQL ${fmt(peakRss.floor)} MB`);
  out(`启动到首次应答：本服务 ${startup.ours} ms（node dist/main.js，含启动时迁移检查），PostGraphile ${startup.peer} ms（含库内省）`);
  out(`总耗时 ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const reportFile = flag('report', '');
  if (reportFile) fs.writeFileSync(reportFile, lines.join('\n') + '\n');
  await db.end();
}

main()
  .then(() => {
    cleanup();
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    cleanup();
    process.exit(1);
  });
