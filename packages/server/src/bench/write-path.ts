import 'reflect-metadata';
import pg from 'pg';
import { initOrm } from '../database';
import { Organization } from '../modules/organization/organization.entity';
import { benchDatabase, flag } from './bench-database';

/**
 * `pnpm bench:write-path`: what one step of a mutation costs on each layer it goes through —
 * a statement on a bare pg client, through knex, through MikroORM (`em.execute`, `findOne`), and
 * an empty transaction through knex and MikroORM. Sequential, one connection at a time: the
 * figures are per-step latency and CPU time of this process, not throughput.
 */
async function main(): Promise<void> {
  const rounds = flag('rounds', 2000);
  const database = await benchDatabase('dangjian_bench_write_path');
  const orm = await initOrm(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const knex = orm.em.getKnex();
    const [{ id }] = await orm.em.fork().execute<Array<{ id: number }>>('select min(id) as id from organization');
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['pg: select 1', () => client.query('select 1')],
      ['pg: begin; select 1; commit', async () => {
        await client.query('begin');
        await client.query('select 1');
        await client.query('commit');
      }],
      ['knex: raw select 1', () => knex.raw('select 1')],
      ['knex: transaction with select 1', () => knex.transaction((trx) => trx.raw('select 1'))],
      ['MikroORM: em.execute select 1', () => orm.em.fork().execute('select 1')],
      ['MikroORM: em.findOne(Organization)', () => orm.em.fork().findOne(Organization, { id })],
      ['MikroORM: empty em.transactional', () => orm.em.fork().transactional(async () => undefined)],
    ];
    console.log(`| 步骤 | 墙钟 ms/次 | 本进程 CPU ms/次 |\n|---|---:|---:|`);
    for (const [label, step] of steps) {
      for (let i = 0; i < 100; i += 1) await step();
      const started = performance.now();
      const cpu = process.cpuUsage();
      for (let i = 0; i < rounds; i += 1) await step();
      const used = process.cpuUsage(cpu);
      const wall = (performance.now() - started) / rounds;
      console.log(`| ${label} | ${wall.toFixed(3)} | ${((used.user + used.system) / 1000 / rounds).toFixed(3)} |`);
    }
  } finally {
    await client.end();
    await orm.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
