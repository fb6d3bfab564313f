/**
 * Money is an exact decimal string in yuan with two decimals, e.g. "17160000.00" (the server's
 * `Money` scalar). Never turn it into a JavaScript number: 0.1 + 0.2 !== 0.3. These helpers
 * compute in integer fen (分) with BigInt and format back to the same string form.
 */
export type Money = string;

const MONEY = /^(-)?(\d{1,15})(?:\.(\d{1,2}))?$/;

export function isMoney(value: unknown): value is Money {
  return typeof value === 'string' && MONEY.test(value);
}

/** "1716.5" → 171650n (fen). Throws RangeError on anything inexact or malformed (e.g. "1.005", "1e3", 12.5). */
export function moneyToFen(value: Money): bigint {
  const match = typeof value === 'string' ? MONEY.exec(value) : null;
  if (!match) throw new RangeError(`不是有效的金额字符串（最多两位小数，如 "1716.50"）：${JSON.stringify(value)}`);
  const fen = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

/** 171650n → "1716.50". Accepts bigint or an integer number/string of fen. */
export function fenToMoney(fen: bigint | number | string): Money {
  if (typeof fen === 'number' && !Number.isSafeInteger(fen)) throw new RangeError(`分必须是整数：${fen}`);
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Normalises to two decimals: "1716.5" → "1716.50". */
export function normalizeMoney(value: Money): Money {
  return fenToMoney(moneyToFen(value));
}

/** Exact sum: addMoney("0.10", "0.20") === "0.30". */
export function addMoney(...values: Money[]): Money {
  return fenToMoney(values.reduce((sum, value) => sum + moneyToFen(value), 0n));
}

/** Exact sum of a list (e.g. amounts of transactions); "0.00" for an empty list. */
export function sumMoney(values: Iterable<Money>): Money {
  return addMoney(...values);
}

/** a − b, exactly. */
export function subtractMoney(a: Money, b: Money): Money {
  return fenToMoney(moneyToFen(a) - moneyToFen(b));
}

/** -1, 0 or 1, like a sort comparator: `amounts.sort(compareMoney)`. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  const difference = moneyToFen(a) - moneyToFen(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export function moneyEquals(a: Money, b: Money): boolean {
  return compareMoney(a, b) === 0;
}

/** Multiplies by an integer count (e.g. a per-person award × people). */
export function multiplyMoney(value: Money, times: number | bigint): Money {
  if (typeof times === 'number' && !Number.isSafeInteger(times)) throw new RangeError(`倍数必须是整数：${times}`);
  return fenToMoney(moneyToFen(value) * BigInt(times));
}

/** Display form with thousands separators: "17160000.00" → "17,160,000.00" (prefix e.g. "¥"). */
export function formatMoney(value: Money, options: { prefix?: string } = {}): string {
  const normalized = normalizeMoney(value);
  const negative = normalized.startsWith('-');
  const [whole, fraction] = normalized.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${options.prefix ?? ''}${grouped}.${fraction}`;
}

/** In 万元 for reports, exact to the fen: "17160000.00" → "1716万元", "20300.50" → "2.03005万元". */
export function formatWanYuan(value: Money): string {
  const fen = moneyToFen(value);
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = abs / 1_000_000n;
  const rest = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${rest ? `.${rest}` : ''}万元`;
}
