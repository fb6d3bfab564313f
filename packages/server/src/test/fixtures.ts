import type { Knex } from '@mikro-orm/postgresql';
import { toGlobalId } from '../common/global-id';
import type { GraphQLResponse, TestServer } from './harness';

type Row = Record<string, unknown>;

/**
 * Inserts hand-made rows into a test's cloned database, next to the seeded demo data. Fixture
 * organizations form their own tree (no parent), so a filter on it sees only fixture rows.
 */
export class Fixtures {
  private sequence = 0;
  private readonly syncedTables = new Set<string>();

  constructor(private readonly knex: Knex) {}

  static of(server: TestServer): Fixtures {
    return new Fixtures(server.orm.em.getKnex());
  }

  /** Inserts one row and returns its id. */
  async insert(table: string, row: Row): Promise<number> {
    await this.syncIdSequence(table);
    const [{ id }] = await this.knex(table).insert(row).returning('id');
    return id;
  }

  /** Seeds may insert explicit ids without advancing the id sequence: move it past them once. */
  private async syncIdSequence(table: string): Promise<void> {
    if (this.syncedTables.has(table)) return;
    await this.knex.raw(`select setval(pg_get_serial_sequence(?, 'id'), coalesce((select max(id) from ??), 0) + 1, false)`, [table, table]);
    this.syncedTables.add(table);
  }

  /** An organization under `parentId` (or a new root), with its materialized path. */
  async organization(name: string, parentId?: number, fields: Row = {}): Promise<number> {
    const parent = parentId ? await this.knex('organization').where('id', parentId).first('path', 'depth') : undefined;
    const id = await this.insert('organization', {
      name,
      code: `FX${process.pid}-${++this.sequence}`,
      kind: 'BRANCH',
      parent_id: parentId ?? null,
      path: '/',
      depth: parent ? parent.depth + 1 : 0,
      unit_name: name,
      unit_type: 'COMMUNITY',
      established_at: '2000-01-01',
      ...fields,
    });
    await this.knex('organization').where('id', id).update({ path: `${parent?.path ?? '/'}${id}/` });
    return id;
  }

  /** A member whose home organization is `organizationId`. */
  async member(name: string, organizationId: number, fields: Row = {}): Promise<number> {
    const serial = String(++this.sequence).padStart(6, '0');
    return this.insert('member', {
      name,
      gender: 'MALE',
      ethnicity: '汉族',
      birth_date: '1980-01-01',
      education: 'BACHELOR',
      joined_party_at: '2005-07-01',
      full_member_at: '2006-07-01',
      status: 'FULL',
      occupation: 'OTHER',
      in_service: true,
      organization_id: organizationId,
      id_card_number: `99${String(process.pid).padStart(10, '0').slice(-10)}${serial}`,
      phone: `199${serial}00`,
      ...fields,
    });
  }
}

export function globalId(typeName: string, id: number): string {
  return toGlobalId(typeName, id);
}

/** The response's data, failing the test with the server's messages when it reports errors. */
export function dataOf<T = Record<string, any>>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data!;
}

/** The `extensions.code` of each error in the response. */
export function errorCodes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

/** Global id of the demo dataset's 市委, the root of every seeded organization (fixture trees have their own roots). */
export async function cityCommitteeId(server: TestServer): Promise<string> {
  const data = dataOf(await server.gql(`{ organizations(first: 2, filter: { kinds: [CITY_COMMITTEE] }) { nodes { id } } }`));
  expect(data.organizations.nodes).toHaveLength(1);
  return data.organizations.nodes[0].id;
}

/** Global id of the one member or organization whose name is exactly `name` (e.g. 李峰 among 24 names containing 李峰). */
export async function idByExactName(server: TestServer, root: 'members' | 'organizations', name: string): Promise<string> {
  const query = `query ($name: String!) { ${root}(first: 100, filter: { nameContains: $name }) { nodes { id name } } }`;
  const matches = dataOf(await server.gql(query, { name }))[root].nodes.filter((node: { name: string }) => node.name === name);
  expect(matches).toHaveLength(1);
  return matches[0].id;
}

/** A change-log entry as tests inspect it. */
export interface LoggedChange {
  sequence: string;
  entityType: string;
  entityId: string;
  operation: string;
  mutation: string;
  organizationPath: string;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
}

const CHANGE_EVENT_FIELDS = 'sequence entityType entityId operation mutation organizationPath changes { field before after }';

/** The newest `n` change-log entries, oldest first, read through the API as an administrator (`fields` narrows what each holds). */
export async function lastChangeEvents(server: TestServer, n: number, fields = CHANGE_EVENT_FIELDS): Promise<LoggedChange[]> {
  const response = await server.gql(`query($n: Int!) { changeEvents(last: $n) { nodes { ${fields} } } }`, { n });
  return dataOf(response).changeEvents.nodes;
}
