// PostGraphile v5 (Amber preset, default inflection) on DATABASE_URL, listening on 127.0.0.1:PORT.
// Its connections are named bench-peer: the (f2) change-log trigger fires for them only.
import { createServer } from 'node:http';
import { statsRoute } from './stmt-counter.mjs';

// PostGraphile 5 uses Promise.withResolvers (Node >= 22); polyfill it before loading on Node 20.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { postgraphile } = await import('postgraphile');
const { grafserv } = await import('postgraphile/grafserv/node');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makePgService } = await import('postgraphile/adaptors/pg');

const port = Number(process.env.PORT);
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: 10, application_name: 'bench-peer' } })],
  grafserv: { port, host: '127.0.0.1', graphqlPath: '/graphql', graphiql: false },
  grafast: { explain: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const handler = serv.createHandler();
const server = createServer((req, res) => {
  if (statsRoute(req, res)) return;
  handler(req, res);
});
await pgl.getSchema();
server.listen(port, '127.0.0.1', () => console.log(`peer listening on ${port}`));
process.on('SIGTERM', () => {
  server.close();
  Promise.resolve(pgl.release()).finally(() => process.exit(0));
});
