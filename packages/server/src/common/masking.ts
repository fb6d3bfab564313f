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
