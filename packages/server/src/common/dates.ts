const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3600_000;
let lastDay = { number: NaN, date: '' };

/** Today's calendar date in China Standard Time (the domain's time zone), as YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  // Validation asks for every dated input; the date string is made once a day.
  const local = now.getTime() + CHINA_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  if (day !== lastDay.number) lastDay = { number: day, date: new Date(local).toISOString().slice(0, 10) };
  return lastDay.date;
}

/** Full years between a birth date and a reference date (周岁). */
export function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ay, am, ad] = asOf.split('-').map(Number);
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

/** Calendar days from `from` to `to` (YYYY-MM-DD), both counted; 0 when `to` is before `from`. */
export function daysInclusive(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1);
}

/** The same calendar day `years` later (29 February falls back to 28 February). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}
