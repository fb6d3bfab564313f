import util from 'node:util';
import pino, { type Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** SQL statements start like this; a driver error's message is `<the SQL, with its values> - <the database's message>`. */
const SQL_PREFIX = /^\s*(?:select|insert|update|delete|with|begin|commit|rollback|savepoint|release|set|create|alter|drop|lock|copy|truncate)\b[\s\S]* - ([\s\S]*)$/i;

/** Fields of database errors that may carry row values (`Key (phone)=(138…) already exists`) or SQL. */
const VALUE_BEARING_FIELDS = new Set(['detail', 'where', 'internalQuery', 'query', 'sql', 'sqlMessage', 'parameters', 'params', 'hint']);

/**
 * The one error serializer: type, code and a message with no row values. Driver errors are
 * reduced to the database's own message (their text otherwise starts with the SQL and its
 * bound values: names, phone and ID-card numbers), their value-bearing fields are dropped.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: typeof error === 'string' ? error : '(non-error value)' };
  const e = error as Error & Record<string, unknown>;
  const sqlMatch = SQL_PREFIX.exec(e.message);
  const message = sqlMatch ? sqlMatch[1] : e.message;
  const out: Record<string, unknown> = { type: e.constructor?.name || e.name, message };
  for (const field of ['code', 'sqlState', 'errno', 'constraint', 'table', 'severity', 'status']) {
    const value = e[field];
    if (value !== undefined && value !== null && !VALUE_BEARING_FIELDS.has(field)) out[field] = value;
  }
  if (e.stack) {
    const frames = e.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${out.type}: ${message}`, ...frames].join('\n');
  }
  const cause = e.cause ?? (e as { previous?: unknown }).previous;
  if (cause && depth < 3) out.cause = serializeError(cause, depth + 1);
  return out;
}

/** Paths that never reach a log line: credentials, connection strings, client-supplied variables. */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers.cookie',
  '*.headers.cookie',
  'password',
  '*.password',
  'token',
  '*.token',
  'connectionParams',
  '*.connectionParams',
  'variables',
  '*.variables',
  'databaseUrl',
  '*.databaseUrl',
  'redisUrl',
  '*.redisUrl',
];

/** One human-readable line per record, for `LOG_FORMAT=pretty` during development. */
function prettyStream(): { write(line: string): void } {
  return {
    write(line: string) {
      try {
        const { time, level, msg, service: _s, pid: _p, hostname: _h, err, ...rest } = JSON.parse(line);
        const extras = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
        const error = err ? `\n  ${String(err.stack ?? err.message).replace(/\n/g, '\n  ')}` : '';
        process.stdout.write(`${String(time).slice(11, 23)} ${String(level).toUpperCase().padEnd(5)} ${msg ?? ''}${extras}${error}\n`);
      } catch {
        process.stdout.write(line);
      }
    },
  };
}

function createLogger(level: LogLevel, format: 'json' | 'pretty'): Logger {
  return pino(
    {
      level,
      base: { service: 'dangjian-server', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: (error: unknown) => serializeError(error), error: (error: unknown) => serializeError(error) },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    },
    format === 'pretty' ? prettyStream() : pino.destination({ dest: 1, sync: true }),
  );
}

function initialLevel(): LogLevel {
  const fromEnv = process.env.LOG_LEVEL as LogLevel | undefined;
  if (fromEnv && (LOG_LEVELS as readonly string[]).includes(fromEnv)) return fromEnv;
  // Inside jest's workers the in-process servers would print a line per request.
  return process.env.JEST_WORKER_ID ? 'warn' : 'info';
}

/**
 * The process-wide logger: JSON lines on stdout (one object per line, ISO time, level name,
 * request id and operation fields where they apply). `configureLogger` applies the validated
 * configuration once it is known.
 */
export let logger: Logger = createLogger(initialLevel(), 'json');

export function configureLogger(options: { logLevel: LogLevel; logFormat: 'json' | 'pretty' }): Logger {
  logger = createLogger(options.logLevel, options.logFormat);
  return logger;
}

/**
 * Sends `console.*` output of the rest of the code base (change feed, error formatting) through
 * the logger, so a deployed instance writes nothing but JSON lines. Errors among the arguments
 * go through the redacting serializer.
 */
export function routeConsoleToLogger(): void {
  const route =
    (level: 'info' | 'warn' | 'error' | 'debug') =>
    (...args: unknown[]) => {
      const error = args.find((arg) => arg instanceof Error);
      const rest = args.filter((arg) => arg !== error).map((arg) => (typeof arg === 'string' ? arg : util.inspect(arg, { depth: 2, breakLength: Infinity })));
      const message = rest.join(' ');
      if (error) logger[level]({ err: error }, message);
      else logger[level](message);
    };
  console.log = route('info');
  console.info = route('info');
  console.warn = route('warn');
  console.error = route('error');
  console.debug = route('debug');
}
