import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { logger } from './logger';
import { databaseUnavailable } from './metrics';

/** `extensions.code` of an operation that failed because the database could not be reached. */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/** Socket errors and PostgreSQL SQLSTATEs that mean "the server is gone or not accepting work right now". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up / shutting down
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '53300', // too_many_connections
]);

const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /not queryable/i,
  /Timeout acquiring a connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Connection ended unexpectedly/i,
  /timeout exceeded when trying to connect/i,
  // knex, when the connection of an open transaction was lost and the rollback finds it gone.
  /Transaction query already complete/i,
];

/** Walks the error and its causes: is this a lost or refused database connection? */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; sqlState?: unknown; name?: unknown; message?: unknown; originalError?: unknown; cause?: unknown; previous?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.sqlState === 'string' && UNAVAILABLE_CODES.has(e.sqlState)) return true;
  if (e.name === 'KnexTimeoutError') return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  return [e.originalError, e.cause, e.previous].some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}

export function serviceUnavailableError(): GraphQLError {
  return new GraphQLError('数据库暂时不可用，请稍后重试', { extensions: { code: SERVICE_UNAVAILABLE, retryable: true } });
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Wraps the project's error formatter: an error caused by an unreachable database becomes
 * SERVICE_UNAVAILABLE (retryable) instead of a generic internal error; it is logged once at
 * warn level without SQL or values.
 */
export function withDatabaseUnavailable(format: FormatError): FormatError {
  return (formatted, error) => {
    if (formatted.extensions?.code === SERVICE_UNAVAILABLE) return formatted;
    if (!isDatabaseUnavailable(error)) return format(formatted, error);
    databaseUnavailable.inc();
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    logger.warn({ err: original, path: formatted.path }, '数据库不可用，请求以 SERVICE_UNAVAILABLE 失败');
    return {
      message: '数据库暂时不可用，请稍后重试',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: SERVICE_UNAVAILABLE, retryable: true },
    };
  };
}
