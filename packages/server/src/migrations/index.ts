import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261129194120 } from './Migration20261129194120';
import { Migration20261129201423 } from './Migration20261129201423';
import { Migration20261129210524 } from './Migration20261129210524';

/**
 * The ordered migration series. Listed explicitly so the same list serves `src` under jest and
 * `dist` in production; a test checks it names every file in this folder.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261129194120', class: Migration20261129194120 },
  { name: 'Migration20261129201423', class: Migration20261129201423 },
  { name: 'Migration20261129210524', class: Migration20261129210524 },
];
