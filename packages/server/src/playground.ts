import path from 'node:path';
import { Router } from 'express';

/** Files the IDE needs, served from node_modules so the page works with no network beyond this server. */
const packageFile = (name: string, file: string) => path.join(path.dirname(require.resolve(`${name}/package.json`)), file);

const ASSETS: Record<string, string> = {
  'react.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.css': packageFile('graphiql', 'graphiql.min.css'),
};

const DEFAULT_QUERY = `# 欢迎使用党建数据中台 GraphQL 查询工具
# 按 Ctrl+Enter 执行；右侧“Docs”可查看全部类型与字段说明。

query Overview {
  organizations(first: 5, filter: { grassroots: true }) {
    totalCount
    nodes { name kind typeCode memberCount(includeDescendants: true) }
  }
  members(first: 3, filter: { nameContains: "叶旭" }) {
    nodes { name phone organization { name } positions { title } }
  }
}
`;

function page(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>党建数据中台 · GraphQL 查询工具</title>
  <link rel="stylesheet" href="/graphql/assets/graphiql.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">正在加载查询工具…</div>
  <script src="/graphql/assets/react.js"></script>
  <script src="/graphql/assets/react-dom.js"></script>
  <script src="/graphql/assets/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)} }),
    );
  </script>
</body>
</html>`;
}

/** GET /graphql from a browser shows the IDE; API clients asking for JSON fall through to the GraphQL handler. */
export function playgroundRouter(): Router {
  const router = Router();
  router.get('/assets/:file', (req, res, next) => {
    const file = ASSETS[req.params.file];
    if (!file) return next();
    // pnpm keeps packages under node_modules/.pnpm, a dot-folder that sendFile refuses by default.
    res.sendFile(file, { maxAge: '1d', dotfiles: 'allow' });
  });
  router.get('/', (req, res, next) => {
    const wantsHtml = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
    if (!wantsHtml || req.query.query !== undefined) return next();
    res.type('html').send(page());
  });
  return router;
}
