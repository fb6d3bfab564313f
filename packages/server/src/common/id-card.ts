/**
 * Chinese resident identity card numbers (居民身份证号码, GB 11643-1999): 6-digit region code,
 * 8-digit birth date, 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2
 * check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const FORMAT = /^[1-9]\d{16}[\dX]$/;

/** The check character for the first 17 digits. */
export function idCardCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('身份证号前 17 位必须为数字');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** Whether YYYYMMDD is a real calendar date from 1800 on. */
function isValidBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Format, birth date and check character of an 18-character ID number (a trailing x is accepted as X). */
export function isValidIdCardNumber(id: string): boolean {
  const normalized = id.toUpperCase();
  if (!FORMAT.test(normalized)) return false;
  if (!isValidBirthDate(normalized.slice(6, 14))) return false;
  return idCardCheckDigit(normalized.slice(0, 17)) === normalized[17];
}
