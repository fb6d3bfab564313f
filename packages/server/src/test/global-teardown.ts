import fs from 'node:fs';
import { dropDatabase } from './database';
import type { TestDatabaseState } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __testDatabase?: TestDatabaseState }).__testDatabase;
  if (!state) return;
  await dropDatabase(state.serverUrl, state.templateDatabase);
  if (state.stopEmbedded) await state.stopEmbedded();
  if (state.embeddedDir) fs.rmSync(state.embeddedDir, { recursive: true, force: true });
}
