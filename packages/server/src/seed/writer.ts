/** Replaces the contents of every entity table with the dataset, in one transaction. */
import type { Knex, MikroORM } from '@mikro-orm/postgresql';
import type { Dataset, Table } from './model';

const CHUNK_SIZE = 1000;
/**
 * The change feed's single-row sequence counter is kept (and created if missing): sequences stay
 * monotonic across reseeds, so a subscriber's resume cursor never points past new events.
 */
const CHANGE_SEQUENCE_TABLE = 'change_sequence';

/** Every table mapped by an entity (so tables added later are emptied too), except the counter. */
function entityTables(orm: MikroORM): string[] {
  const tables = Object.values(orm.getMetadata().getAll())
    .filter((meta) => !meta.abstract && !meta.embeddable && !meta.virtual && meta.tableName)
    .map((meta) => meta.tableName);
  return [...new Set(tables)].sort();
}

async function truncateAll(trx: Knex.Transaction, tables: readonly string[]): Promise<void> {
  const truncated = tables.filter((table) => table !== CHANGE_SEQUENCE_TABLE);
  await trx.raw(`truncate ${truncated.map((table) => `"${table}"`).join(', ')} restart identity cascade`);
  if (tables.includes(CHANGE_SEQUENCE_TABLE)) {
    await trx.raw(`insert into ${CHANGE_SEQUENCE_TABLE} (id, value) values (1, 0) on conflict (id) do nothing`);
  }
}

async function insertRows(trx: Knex.Transaction, table: string, rows: readonly object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    await trx.insert(rows.slice(start, start + CHUNK_SIZE)).into(table);
  }
}

const pgIntArray = (values: readonly number[]) => `{${values.join(',')}}`;

/** Organizations and members reference each other: secretaries are set once the members exist. */
async function setSecretaries(trx: Knex.Transaction, dataset: Dataset): Promise<void> {
  const rows = dataset.organization.rows.filter((row) => row.secretary_id !== null);
  await trx.raw(
    'update organization as o set secretary_id = v.secretary_id from unnest(?::int[], ?::int[]) as v(id, secretary_id) where o.id = v.id',
    [pgIntArray(rows.map((row) => row.id)), pgIntArray(rows.map((row) => row.secretary_id as number))],
  );
}

/** Ids were inserted explicitly: move each sequence past the largest one. */
async function resetSequences(trx: Knex.Transaction, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await trx.raw(`select setval(pg_get_serial_sequence(?, 'id'), coalesce((select max(id) from ??), 0) + 1, false)`, [table, table]);
  }
}

export async function writeDataset(orm: MikroORM, dataset: Dataset): Promise<void> {
  const tables = Object.values(dataset) as Table<{ id: number }>[];
  await orm.em.getKnex().transaction(async (trx) => {
    await truncateAll(trx, entityTables(orm));
    for (const table of tables) {
      const rows = table === dataset.organization ? dataset.organization.rows.map((row) => ({ ...row, secretary_id: null })) : table.rows;
      await insertRows(trx, table.name, rows);
    }
    await setSecretaries(trx, dataset);
    await resetSequences(trx, tables.map((table) => table.name));
  });
}
