/**
 * Masking of sensitive personal information (个人敏感信息). Values are shown masked unless the
 * caller is allowed to see them in full.
 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '*'.repeat(phone.length);
}

export function maskIdCardNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '*'.repeat(id.length);
}

/** Keeps the first 6 characters (city and district), hides the rest. */
export function maskAddress(address: string): string {
  const visible = Array.from(address).slice(0, 6).join('');
  return `${visible}****`;
}

/**
 * The same masks as SQL expressions over a text expression, for compiled reads
 * (common/compiled-read.ts), which must answer exactly as the functions above.
 */
export const SQL_MASKS = {
  phone: (value: string) => `case when length(${value}) = 11 then left(${value}, 3) || '****' || substr(${value}, 8) else repeat('*', length(${value})) end`,
  idCardNumber: (value: string) =>
    `case when length(${value}) = 18 then left(${value}, 6) || '********' || substr(${value}, 15) else repeat('*', length(${value})) end`,
  address: (value: string) => `left(${value}, 6) || '****'`,
};
