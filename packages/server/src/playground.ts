import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Router, type Request } from 'express';
import { GraphQLError } from 'graphql';
import { sendGraphQLError } from './common/errors';
import { playgroundPage, type DemoCredential } from './playground/page';

export type { DemoCredential } from './playground/page';

/** Files the IDE needs, served by this service so the page works with no network beyond it. */
const packageFile = (name: string, file: string) => path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
const ownFile = (file: string) => path.join(__dirname, 'playground', 'client', file);

const ASSETS: Record<string, string> = {
  'react.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.css': packageFile('graphiql', 'graphiql.min.css'),
  'playground.js': ownFile('playground.js'),
  'playground.css': ownFile('playground.css'),
};

/** Content hashes, so a new deployment's assets are never taken from a browser cache. */
const versions = new Map<string, string>();
function assetVersion(file: string): string {
  let version = versions.get(file);
  if (!version) {
    version = createHash('sha256').update(fs.readFileSync(ASSETS[file])).digest('hex').slice(0, 12);
    versions.set(file, version);
  }
  return version;
}

/** Demo credentials: a fixed list, or a function asked on every page load (tokens may expire). */
export type DemoCredentialSource = DemoCredential[] | (() => DemoCredential[] | Promise<DemoCredential[]>);

export interface PlaygroundOptions {
  /** Credentials the page offers in its picker; the first pre-fills the headers editor. */
  demoCredentials?: DemoCredentialSource;
}

let providedCredentials: DemoCredentialSource | undefined;

/**
 * Hook for the demo: credentials every playground page offers, unless `playgroundRouter` was given
 * its own. The security setup registers its demo tokens here (or passes them as an option).
 */
export function provideDemoCredentials(source: DemoCredentialSource | undefined): void {
  providedCredentials = source;
}

/** The credentials on offer; undefined when none were provided (not the demo). */
async function demoCredentials(options: PlaygroundOptions): Promise<DemoCredential[] | undefined> {
  const source = options.demoCredentials ?? providedCredentials;
  if (!source) return undefined;
  return typeof source === 'function' ? source() : source;
}

/** What `GET …/demo-credentials` answers with: the credential and what it claims, in a fixed shape. */
function publicCredential({ label, role, organization, description, headers }: DemoCredential) {
  return { label, role: role ?? null, organization: organization ?? null, description: description ?? null, headers };
}

function wantsPage(req: Request): boolean {
  const html = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
  return html && req.query.query === undefined && req.query.extensions === undefined;
}

/**
 * GET /graphql from a browser shows the IDE; API clients asking for JSON fall through to the GraphQL handler.
 * GET /graphql/demo-credentials lists the demo credentials as JSON (404 when there are none: not the demo).
 */
export function playgroundRouter(options: PlaygroundOptions = {}): Router {
  const router = Router();
  router.get('/assets/:file', (req, res, next) => {
    const file = ASSETS[req.params.file];
    if (!file) return next();
    // pnpm keeps packages under node_modules/.pnpm, a dot-folder that sendFile refuses by default.
    res.sendFile(file, { maxAge: '1d', dotfiles: 'allow' });
  });
  router.get('/demo-credentials', async (_req, res, next) => {
    try {
      // The list holds bearer tokens (renewed by a function source): never kept by a cache.
      res.setHeader('cache-control', 'no-store');
      const credentials = await demoCredentials(options);
      if (!credentials) {
        sendGraphQLError(res, new GraphQLError('没有演示凭据：只有内置演示库（未设置 DATABASE_URL，也未配置签名密钥）才提供', { extensions: { code: 'NOT_FOUND', http: { status: 404 } } }));
        return;
      }
      res.json(credentials.map(publicCredential));
    } catch (error) {
      next(error);
    }
  });
  router.get('/', async (req, res, next) => {
    if (!wantsPage(req)) return next();
    try {
      const assets = { url: (file: string) => `${req.baseUrl}/assets/${file}?v=${assetVersion(file)}` };
      res.type('html').send(playgroundPage(assets, req.baseUrl || '/graphql', (await demoCredentials(options)) ?? []));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
