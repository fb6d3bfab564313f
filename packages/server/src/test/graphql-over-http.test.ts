import { auditServer } from 'graphql-http';
import { startTestServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('GraphQL over HTTP conformance (graphql-http server audits)', () => {
  it('passes every MUST and SHOULD audit', async () => {
    const results = await auditServer({ url: server.url, fetchFn: fetch });
    expect(results.length).toBeGreaterThan(40);
    // 'notice' marks an unmet MAY; 'warn' an unmet SHOULD and 'error' an unmet MUST.
    const failures = results
      .filter((result) => result.status === 'warn' || result.status === 'error')
      .map((result) => `${result.status}: ${result.name} — ${'reason' in result ? result.reason : ''}`);
    expect(failures).toEqual([]);
  });
});
