/**
 * Sensitive personal information (个人敏感信息) is masked by the server unless the caller's role
 * may see it in full (and every full read is logged): phone "138****1234", ID number
 * "421181********123X", address "湖北省麻城市****". Masked values keep their field type (a string),
 * so always check before using one as real data.
 */

/** Fields that arrive masked for callers without the permission to see them, per type. */
export const MASKED_FIELDS = {
  Member: ['phone', 'idCardNumber', 'address'],
} as const;

export const MASK_CHARACTER = '*';

/** Whether a value is masked (contains the mask character). null/undefined are not masked, just absent. */
export function isMasked(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.includes(MASK_CHARACTER);
}

/** The value when it is in full, otherwise null: `const phone = unmaskedOrNull(member.phone)`. */
export function unmaskedOrNull(value: string | null | undefined): string | null {
  return value == null || isMasked(value) ? null : value;
}
