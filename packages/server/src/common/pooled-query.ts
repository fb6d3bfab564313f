import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { countSqlStatement } from './request-scope';

/**
 * Runs one statement on a raw pg client of the ORM's pool ('read' may be a replica), counted like
 * the ORM's statements. For the paths that build their SQL once and skip knex's and the ORM's
 * per-query work, which profiling showed to be a large part of a one-statement request.
 */
export async function pooledQuery<R extends pg.QueryResultRow>(
  database: EntityManager,
  kind: 'read' | 'write',
  query: pg.QueryConfig,
): Promise<pg.QueryResult<R>> {
  const pool = (database.getDriver() as PostgreSqlDriver).getConnection(kind).getKnex().client;
  const connection: pg.ClientBase = await pool.acquireConnection();
  try {
    countSqlStatement();
    return await connection.query<R>(query);
  } finally {
    await pool.releaseConnection(connection);
  }
}

/**
 * Every pooled connection keeps each prepared statement it has run, so only this many distinct
 * texts are prepared (the first ones seen: an application's statements repeat); further ad-hoc
 * texts run unprepared.
 */
const MAX_PREPARED_STATEMENTS = 200;
const preparedNames = new Map<string, string>();

/** The name to prepare `text` under, or undefined to run it unprepared. */
export function preparedName(kind: string, text: string): string | undefined {
  let name = preparedNames.get(text);
  if (!name && preparedNames.size < MAX_PREPARED_STATEMENTS) {
    name = `${kind}_${createHash('sha1').update(text).digest('hex')}`;
    preparedNames.set(text, name);
  }
  return name;
}
