/**
 * The published shape: the built ESM and CommonJS files load in plain Node 20 (outside jest),
 * export the same API, keep Apollo out of the core entry, and run a real query.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from './support/server.js';

const run = promisify(execFile);
const PACKAGE_DIR = path.resolve(__dirname, '..');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** Runs a script with plain `node` inside the package (so `@dangjian/sdk` resolves to the package itself). */
async function node(args: string[], env: Record<string, string> = {}): Promise<unknown> {
  const { stdout } = await run(process.execPath, args, { cwd: PACKAGE_DIR, env: { ...process.env, ...env } });
  return JSON.parse(stdout);
}

const QUERY = `
  const client = sdk.createClient({ url: process.env.URL, auth: { token: process.env.TOKEN } });
  const data = await client.query(sdk.OrganizationsDocument, { filter: { kinds: [sdk.OrganizationKind.CITY_COMMITTEE] }, first: 1 });
  const apolloClient = apollo.createApolloClient({ url: process.env.URL, auth: { token: process.env.TOKEN }, wsUrl: false });
  const viaApollo = await apolloClient.query({ query: sdk.OrganizationsDocument, variables: { first: 1, filter: { kinds: ['CITY_COMMITTEE'] } } });
  console.log(JSON.stringify({
    exports: Object.keys(sdk).sort(),
    apollo: Object.keys(apollo).sort(),
    name: data.organizations.edges[0].node.name,
    viaApollo: viaApollo.data.organizations.edges[0].node.name,
    money: sdk.addMoney('0.10', '0.20'),
    // Both entries share one GraphQLRequestError class, so instanceof holds across them.
    sharedErrorClass: apollo.toGraphQLRequestError(new Error('x')) instanceof sdk.GraphQLRequestError,
  }));
`;

it('loads and works as ESM (import) and as CommonJS (require) with the same exports', async () => {
  const env = { URL: server.url, TOKEN: server.token };
  const esm = (await node(
    ['--input-type=module', '-e', `import * as sdk from '@dangjian/sdk'; import * as apollo from '@dangjian/sdk/apollo'; ${QUERY}`],
    env,
  )) as Record<string, unknown>;
  const cjs = (await node(
    ['-e', `const sdk = require('@dangjian/sdk'); const apollo = require('@dangjian/sdk/apollo'); (async () => { ${QUERY} })()`],
    env,
  )) as Record<string, unknown>;
  expect(esm).toMatchObject({ name: '中共麻城市委员会', viaApollo: '中共麻城市委员会', money: '0.30', sharedErrorClass: true });
  expect(cjs).toEqual(esm);
  expect(esm.exports).toEqual(expect.arrayContaining(['createClient', 'subscribeChanges', 'paginate', 'GraphQLRequestError', 'wxTransport', 'OrganizationsDocument']));
  expect(esm.apollo).toEqual(expect.arrayContaining(['createApolloClient', 'createCache', 'possibleTypes', 'toGraphQLRequestError']));
});

it('ships type declarations for both formats, and keeps Apollo out of the core entry', () => {
  for (const file of ['index.d.ts', 'index.d.cts', 'apollo.d.ts', 'apollo.d.cts']) expect(fs.existsSync(path.join(PACKAGE_DIR, 'dist', file))).toBe(true);
  for (const file of ['index.js', 'index.cjs']) expect(fs.readFileSync(path.join(PACKAGE_DIR, 'dist', file), 'utf8')).not.toContain('@apollo/client');
});
