/** pg's own conversion of a JavaScript value to its text for a parameter (pg ships no types for it). */
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): string | Buffer | null;
}
