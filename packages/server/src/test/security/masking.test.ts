import { Role } from '../../common/auth/roles';
import { toGlobalId } from '../../common/global-id';
import { startTestServer, tokenFor, type TestServer } from '../harness';

let server: TestServer;
let memberId: string;
let raw: { phone: string; id_card_number: string; address: string | null };
const ROOT = toGlobalId('Organization', 1);

beforeAll(async () => {
  server = await startTestServer();
  const [row] = await server.orm.em
    .fork()
    .execute<Array<{ id: number; phone: string; id_card_number: string; address: string | null }>>(
      'select id, phone, id_card_number, address from member where address is not null order by id limit 1',
    );
  raw = row;
  memberId = toGlobalId('Member', row.id);
});
afterAll(() => server.close());

const QUERY = 'query($id: ID!) { member(id: $id) { phone idCardNumber address } }';

async function readAs(role: Role, requestId: string) {
  const token = await tokenFor(role, role === Role.ADMIN ? null : ROOT, `masking-${role}`);
  const result = await server.gql(QUERY, { id: memberId }, { authorization: `Bearer ${token}`, 'x-request-id': requestId });
  expect(result.errors).toBeUndefined();
  return result.data!.member as { phone: string; idCardNumber: string; address: string };
}

async function accessLog(requestId: string) {
  return server.orm.em
    .fork()
    .execute<Array<{ actor: string; member_id: number; fields: string[] }>>('select actor, member_id, fields from sensitive_access_log where request_id = ?', [requestId]);
}

describe('sensitive personal information', () => {
  it.each([Role.ANALYST, Role.SYSTEM])('is masked for %s and leaves no access-log row', async (role) => {
    const requestId = `mask-${role}-${Date.now()}`;
    const member = await readAs(role, requestId);
    expect(member.phone).toBe(`${raw.phone.slice(0, 3)}****${raw.phone.slice(7)}`);
    expect(member.idCardNumber).toBe(`${raw.id_card_number.slice(0, 6)}********${raw.id_card_number.slice(14)}`);
    expect(member.address.endsWith('****')).toBe(true);
    expect(member.address).not.toBe(raw.address);
    expect(await accessLog(requestId)).toEqual([]);
  });

  it.each([Role.ADMIN, Role.ORG_ADMIN])('is shown in full to %s, and each full read is logged with who, whose, which fields and the request', async (role) => {
    const requestId = `full-${role}-${Date.now()}`;
    const member = await readAs(role, requestId);
    expect(member).toEqual({ phone: raw.phone, idCardNumber: raw.id_card_number, address: raw.address });
    const log = await accessLog(requestId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: `masking-${role}`, member_id: numericMemberId() });
    expect([...log[0].fields].sort()).toEqual(['address', 'idCardNumber', 'phone']);
  });

  it('logs a list of full reads in one row per member', async () => {
    const requestId = `list-${Date.now()}`;
    const token = await tokenFor(Role.ORG_ADMIN, ROOT, 'list-reader');
    const result = await server.gql('{ members(first: 7) { nodes { phone } } }', undefined, { authorization: `Bearer ${token}`, 'x-request-id': requestId });
    expect(result.errors).toBeUndefined();
    const log = await accessLog(requestId);
    expect(log).toHaveLength(7);
    expect(log.every((row) => row.fields.length === 1 && row.fields[0] === 'phone')).toBe(true);
  });
});

function numericMemberId(): number {
  return Number(Buffer.from(memberId, 'base64url').toString().split(':')[1]);
}
