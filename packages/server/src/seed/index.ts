/**
 * The deterministic demo dataset: 湖北省麻城市 (421181) during the COVID-19 response of
 * January–February 2020, reproducing every figure of the 2020-02-16 report. Everything is
 * generated in memory from fixed seeds, checked, then written in one transaction.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { addPosts, addSquads } from './activities';
import { addCareVisits } from './care';
import { checkDataset } from './checks';
import { addCommendations, chooseHonourees, planAwards } from './commendations';
import { planDonations, writeDonations } from './donations';
import { openAccounts, recordAllocations, recordCondolences, recordPartyFees } from './funds';
import { addInspection } from './inspection';
import { Ledger } from './ledger';
import { addCommunityReports, addPositions, addTemporaryMemberships, addTransfers } from './member-relations';
import { generateMembers } from './members';
import { createDataset, type Dataset } from './model';
import { buildOrganizations } from './organizations';
import { addVolunteerServices } from './volunteers';
import { writeDataset } from './writer';

/** Row counts per table. */
export type SeedSummary = Record<string, number>;

export async function hasDemoData(em: EntityManager): Promise<boolean> {
  const [row] = await em.execute<Array<{ exists: boolean }>>('select exists(select 1 from organization) as exists');
  return row.exists;
}

/** Builds the whole dataset in memory (no database access). */
export function generateDemoData(): Dataset {
  const dataset = createDataset();
  const tree = buildOrganizations(dataset);
  const people = generateMembers(dataset, tree);
  addPositions(dataset, tree, people);
  addTransfers(dataset, tree, people);
  const frontlineStaff = addTemporaryMemberships(dataset, tree, people);
  const reports = addCommunityReports(dataset, tree, frontlineStaff);
  addInspection(dataset, tree, people);
  addPosts(dataset, tree);
  addSquads(dataset, tree, people);
  const volunteers = addVolunteerServices(dataset, people, reports);

  const ledger = new Ledger(dataset.fundTransaction);
  const accounts = openAccounts(dataset, tree);
  recordPartyFees(ledger, accounts);
  const familyCondolence = recordCondolences(ledger, accounts, tree);
  const donations = planDonations(ledger, accounts, tree);
  recordAllocations(ledger, accounts, tree);
  const awards = planAwards(ledger, accounts, tree);
  ledger.commit();
  writeDonations(dataset, donations);

  addCommendations(dataset, tree, chooseHonourees(dataset, tree, people, frontlineStaff, volunteers), awards);
  addCareVisits(dataset, tree, people, frontlineStaff, familyCondolence);
  checkDataset(dataset, people);
  return dataset;
}

/** Replaces all data with the demo dataset; returns the row count of each table. */
export async function seedDemoData(orm: MikroORM): Promise<SeedSummary> {
  const dataset = generateDemoData();
  await writeDataset(orm, dataset);
  return Object.fromEntries(Object.values(dataset).map((table) => [table.name, table.rows.length]));
}
