import { createHash } from 'node:crypto';
import pg from 'pg';
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
  const connection: pg.ClientBase & { __knex__disposed?: unknown } = await pool.acquireConnection();
  try {
    countSqlStatement();
    return await connection.query<R>(query);
  } catch (error) {
    // The server ended this connection (or it broke) and it may not have noticed yet: knex's own
    // flag makes the pool discard it instead of handing it to the next request.
    if (!isStatementError(error)) connection.__knex__disposed = error;
    throw error;
  } finally {
    await pool.releaseConnection(connection);
  }
}

/**
 * An ERROR the server reported for the statement: it was rolled back and the connection is fine.
 * A FATAL (the server shutting down, the backend terminated) or a broken connection leaves both
 * the connection and an autocommit statement's outcome unknown: it may arrive after the commit.
 */
export function isStatementError(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.severity === 'ERROR';
}

/**
 * Every pooled connection keeps each prepared statement it has run, so only this many distinct
 * texts are prepared (the first ones seen: an application's statements repeat); further ad-hoc
 * texts run unprepared.
 */
const MAX_PREPARED_STATEMENTS = 200;
const preparedNames = new Map<string, string>();

/** A statement built with `?` placeholders, numbered `$1…` for pg and named for preparing (see preparedName). */
export function numberedStatement(kind: string, sql: string): { text: string; name?: string } {
  let placeholders = 0;
  const text = sql.replace(/\?/g, () => `$${++placeholders}`);
  return { text, name: preparedName(kind, text) };
}

/** The name to prepare `text` under, or undefined to run it unprepared. */
function preparedName(kind: string, text: string): string | undefined {
  let name = preparedNames.get(text);
  if (!name && preparedNames.size < MAX_PREPARED_STATEMENTS) {
    name = `${kind}_${createHash('sha1').update(text).digest('hex')}`;
    preparedNames.set(text, name);
  }
  return name;
}
