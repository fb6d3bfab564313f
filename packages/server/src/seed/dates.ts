/** Calendar-date arithmetic on ISO `YYYY-MM-DD` strings (UTC, no time zone drift). */
import type { Random } from './random';

const DAY_MS = 86_400_000;

/** The date of the source report (2020-02-16): ages and "so far" figures are taken on this day. */
export const REPORT_DATE = '2020-02-16';

function toTime(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function fromTime(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromTime(toTime(date) + days * DAY_MS);
}

/** Same month and day `years` later; 29 February becomes 28 February (as PostgreSQL does). */
export function addYears(date: string, years: number): string {
  const year = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const monthDay = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${year}-${monthDay}`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS);
}

/** A uniformly random date in [from, to]. */
export function randomDate(rng: Random, from: string, to: string): string {
  return addDays(from, rng.int(0, daysBetween(from, to)));
}

/** Every date from `from` to `to`, inclusive. */
export function dateRange(from: string, to: string): string[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));
}

export function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

export function earlierOf(a: string, b: string): string {
  return a < b ? a : b;
}
