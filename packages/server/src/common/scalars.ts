import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLDateTimeISO, GraphQLJSON } from 'graphql-scalars';
import { ErrorCode } from './errors';

const MONEY_PATTERN = /^-?\d{1,15}(\.\d{1,2})?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput } });
}

/** Converts a decimal yuan string ("1716.50") to integer fen (171650n), refusing anything inexact. */
export function parseMoney(value: unknown): bigint {
  if (typeof value !== 'string' || !MONEY_PATTERN.test(value)) {
    throw invalid(`金额必须是最多两位小数的十进制字符串（如 "1716.50"），收到：${JSON.stringify(value)}`);
  }
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace('-', '').split('.');
  const fen = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -fen : fen;
}

/** Formats integer fen as a decimal yuan string with exactly two decimals. */
export function formatMoney(fen: bigint | number | string): string {
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

export const MoneyScalar = new GraphQLScalarType<bigint, string>({
  name: 'Money',
  description: '金额（人民币元），以十进制字符串精确表示，最多两位小数，如 "17160000.00"；从不使用浮点数',
  serialize: (value) => formatMoney(value as bigint),
  parseValue: (value) => parseMoney(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('金额必须以字符串形式书写，如 "100.00"');
    return parseMoney(ast.value);
  },
});

export function isValidLocalDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseLocalDate(value: unknown): string {
  if (typeof value !== 'string' || !isValidLocalDate(value)) {
    throw invalid(`日期必须是有效的 YYYY-MM-DD 格式，收到：${JSON.stringify(value)}`);
  }
  return value;
}

/** Calendar dates stay strings end to end: no time zone can shift them. */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: '日期，格式 YYYY-MM-DD（不含时区）',
  serialize: (value) => String(value),
  parseValue: parseLocalDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('日期必须以字符串形式书写，如 "2020-01-28"');
    return parseLocalDate(ast.value);
  },
});

/** Any JSON value, e.g. a field's value before and after a change. */
export const JsonScalar = new GraphQLScalarType({
  ...GraphQLJSON.toConfig(),
  name: 'JSON',
  description: '任意 JSON 值（如变更前后的字段值）',
});

/** Instants (creation and change times), always with a time zone. */
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLDateTimeISO.toConfig(),
  name: 'DateTime',
  description: '日期时间（ISO 8601 格式，含时区，如 "2020-02-16T08:00:00.000Z"）',
});
