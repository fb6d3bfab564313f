import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

export type SeedSummary = Record<string, number>;

export async function hasDemoData(em: EntityManager): Promise<boolean> {
  const [row] = await em.execute<Array<{ exists: boolean }>>('select exists(select 1 from organization) as exists');
  return row.exists;
}

/** Placeholder until the generator lands: inserts a minimal tree. */
export async function seedDemoData(orm: MikroORM): Promise<SeedSummary> {
  const knex = orm.em.getKnex();
  await knex.raw('truncate organization, member restart identity cascade');
  await knex('organization').insert({ id: 1, name: '中共麻城市委员会', code: '421181', kind: 'CITY_COMMITTEE', path: '/1/', depth: 0, unit_name: '麻城市', unit_type: 'CITY', established_at: '1949-05-01' });
  return { organizations: 1 };
}
