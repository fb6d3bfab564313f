import { QUERY_LIBRARY, TOPICS } from './query-library';

/** A ready-made credential the page offers in its picker, e.g. a demo token per role. */
export interface DemoCredential {
  /** Shown in the picker, e.g. 演示：数据分析人员（全市）. */
  label: string;
  /** Request headers, e.g. `{ authorization: 'Bearer …' }`. */
  headers: Record<string, string>;
  description?: string;
  /** The role the credential grants, e.g. `ANALYST` (for clients such as the console's role switch). */
  role?: string;
  /** Name of the organization the credential is scoped to; null: the whole city. */
  organization?: string | null;
}

export const DEFAULT_QUERY = `# 欢迎使用党建数据中台 GraphQL 查询工具
# 左侧“查询库”按主题收录了报道中每个数字对应的查询和统计分析示例，点击即在新标签页打开（可直接运行）。
# 按 Ctrl+Enter 执行；左侧 Docs（文档）可查看全部类型与字段说明，History（历史）可找回执行过的查询，“导出”可把结果存为 CSV 或 JSON。
# 请求头（如访问令牌）在下方 Headers 中编辑，或在左侧“凭据”中选择演示凭据。

query Overview {
  analytics {
    organizations(filter: { grassroots: true }) { total { count } }
    members(groupBy: [GENDER]) {
      total { count }
      groups { gender count }
    }
  }
}
`;

export interface PageAssets {
  /** URL of each served asset by file name, e.g. `graphiql.js` → `/graphql/assets/graphiql.js?v=…`. */
  url(file: string): string;
}

/** JSON inside a script element: `<` is escaped so the data can never close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The IDE page: GraphiQL and its plugins, every asset from this service; data for the script as inline JSON (not executed). */
export function playgroundPage(assets: PageAssets, endpoint: string, credentials: DemoCredential[]): string {
  const config = { endpoint, defaultQuery: DEFAULT_QUERY, topics: TOPICS, library: QUERY_LIBRARY, credentials };
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>党建数据中台 · GraphQL 查询工具</title>
  <link rel="stylesheet" href="${assets.url('graphiql.css')}" />
  <link rel="stylesheet" href="${assets.url('playground.css')}" />
</head>
<body>
  <div id="graphiql">正在加载查询工具…</div>
  <script id="playground-config" type="application/json">${scriptJson(config)}</script>
  <script src="${assets.url('react.js')}"></script>
  <script src="${assets.url('react-dom.js')}"></script>
  <script src="${assets.url('graphiql.js')}"></script>
  <script src="${assets.url('playground.js')}"></script>
</body>
</html>`;
}
