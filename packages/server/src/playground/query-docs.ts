import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config';
import { QUERY_LIBRARY, TOPICS, type LibraryQuery } from './query-library';

/** docs/queries.md, generated from the query library (src/test/figures.test.ts fails when it is stale). */
export const QUERY_DOCS_FILE = path.join(REPO_ROOT, 'docs', 'queries.md');

export const REGENERATE_COMMAND = 'pnpm --filter @dangjian/server run build && node packages/server/dist/playground/query-docs.js';

const HEADER = `# 查询库：报道中的每个数字与统计分析示例

> 本文件由 \`packages/server/src/playground/query-library.ts\` 生成，请勿手工修改。修改查询库后在仓库根目录运行
> \`${REGENERATE_COMMAND}\` 重新生成；文件过期时测试 \`src/test/figures.test.ts\` 会失败。

同一组查询就是 GraphQL 查询工具（浏览器打开服务地址 \`/graphql\`）左侧“查询库”中的查询，点击即可打开、运行并把结果导出为 CSV 或 JSON。
测试 \`src/test/figures.test.ts\` 通过 HTTP 逐条运行这些查询，并核对结果与 2020-02-16 报道中的数字一致（报道写“余”的按区间核对，如“1600余”为 1601～1699）。

## 统计分析接口（\`analytics\`）速览

- \`Query.analytics\` 统计全部可见数据；\`Organization.analytics\` 统计某个党组织（默认含全部下级）。按名称取得组织后直接统计，无需先查 ID：
  \`organizations(filter: { nameContains: "龙池桥街道工作委员会" }) { nodes { analytics { … } } }\`。
- 每类数据一个统计字段（\`organizations\`、\`members\`、\`temporaryMemberships\`、\`inspections\`、\`villageCoverage\`、\`inspectionCadres\`、
  \`commendations\`、\`fundTransactions\`、\`donations\`、\`donationItems\`、\`posts\`、\`squads\`、\`volunteerServices\`、\`careVisits\`），参数相同：
  - \`filter\`：与对应列表查询相同的筛选条件；
  - \`groupBy\`：分组维度（最多 4 个），如 \`CHILD_ORGANIZATION\`（把每个直接下级党组织的整棵子树汇总为一组）、\`TOWN\`、\`KIND\`、\`AGE_BAND\`、\`ROUND\`、\`MONTH\`；
  - \`having\`：按统计值筛选分组，如 \`having: { count: { min: 100 } }\`；
  - \`orderBy\`：按统计值或维度排序；\`first\`：最多返回的分组数（\`groupCount\` 给出总数）。
  结果中 \`total\` 为全部符合条件数据的汇总，\`groups\` 为各分组。
- 时间序列：\`inspectionTimeSeries\`、\`volunteerServiceTimeSeries\`、\`donationTimeSeries\`、\`fundTransactionTimeSeries\`、\`careVisitTimeSeries\`，
  按 \`DAY\` / \`WEEK\` / \`MONTH\` 汇总，没有数据的时间段补 0。
- 覆盖率：\`villageCoverage\`（村（社区）被督查的个数与比例，可按乡镇、轮次分组）；\`members\` 的 \`reportedToCommunityRatio\`（在职党员到村（社区）报到率）。
- 金额为精确到分的十进制字符串（\`Money\`），从不使用浮点数；每项统计在数据库中以一条 SQL 完成。
`;

function entryMarkdown(entry: LibraryQuery): string {
  const lines = [`### ${entry.title}`, '', `<a id="${entry.id}"></a>`, ''];
  if (entry.figure) lines.push(`**报道原文**：${entry.figure}`, '');
  if (entry.answer) lines.push(`**看结果**：${entry.answer}`, '');
  lines.push(entry.description, '', '```graphql', entry.query.trimEnd(), '```', '');
  return lines.join('\n');
}

function tableOfContents(): string {
  return TOPICS.map((topic) => {
    const entries = QUERY_LIBRARY.filter((entry) => entry.topic === topic);
    return [`- **${topic}**`, ...entries.map((entry) => `  - [${entry.title}](#${entry.id})`)].join('\n');
  }).join('\n');
}

export function renderQueryDocs(): string {
  const sections = TOPICS.map((topic) => [`## ${topic}`, '', ...QUERY_LIBRARY.filter((e) => e.topic === topic).map(entryMarkdown)].join('\n'));
  return `${HEADER}\n## 目录\n\n${tableOfContents()}\n\n${sections.join('\n')}`.trimEnd() + '\n';
}

if (require.main === module) {
  fs.writeFileSync(QUERY_DOCS_FILE, renderQueryDocs());
  console.log(`已生成 ${QUERY_DOCS_FILE}`);
}
