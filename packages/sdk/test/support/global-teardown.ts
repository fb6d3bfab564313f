/** Drops the demo database (and stops the embedded PostgreSQL, if one was started): see global-setup.ts. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __sdkTeardown?: () => Promise<void> }).__sdkTeardown?.();
}
