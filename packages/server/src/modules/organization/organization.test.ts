import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('organization tree', () => {
  it('returns the root with its children', async () => {
    const result = await server.gql(`{ organizations(first: 5) { totalCount nodes { id name kind typeCode children { totalCount } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.organizations.totalCount).toBeGreaterThan(0);
  });
});
