/*
 * The GraphQL IDE page: GraphiQL 3 (UMD) with three extra panels — the query library (查询库),
 * the demo credential picker (凭据) and result export to CSV / JSON (导出). Plain browser
 * JavaScript without a build step; every asset comes from this service.
 */
(function main() {
  'use strict';

  const h = React.createElement;
  const { useEditorContext, useExecutionContext } = GraphiQL.React;
  const config = JSON.parse(document.getElementById('playground-config').textContent);

  // ---------------------------------------------------------------- icons

  function icon(paths) {
    return function Icon() {
      return h(
        'svg',
        { viewBox: '0 0 24 24', width: 20, height: 20, fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, 'aria-hidden': true },
        paths.map((d, i) => h('path', { key: i, d })),
      );
    };
  }

  const LibraryIcon = icon(['M4 4h5v16H4z', 'M10 4h4v16h-4z', 'M15.5 4.5l3.8-1 3.2 15.5-3.8 1z']);
  const KeyIcon = icon(['M14 10a4 4 0 1 0-3.5 4L12 15.5 14 15.5 14 17.5 16 17.5 16 19.5 19 19.5 19 16.5 13.8 11.3A4 4 0 0 0 14 10z']);
  const ExportIcon = icon(['M12 3v12', 'M7 10l5 5 5-5', 'M4 17v3h16v-3']);

  // ---------------------------------------------------------------- query library

  function matches(entry, text) {
    if (!text) return true;
    const haystack = [entry.title, entry.description, entry.figure || '', entry.topic, entry.query].join('\n').toLowerCase();
    return text
      .toLowerCase()
      .split(/\s+/)
      .every((word) => haystack.includes(word));
  }

  /** Calls `then` once the editor has parsed the new query (GraphiQL does so shortly after each edit). */
  function whenParsed(editor, operationName, then, attempts) {
    if (!editor.queryEditor || editor.queryEditor.operationName === operationName || attempts <= 0) return then();
    setTimeout(() => whenParsed(editor, operationName, then, attempts - 1), 50);
  }

  /** Opens a library query in a new tab, optionally running it. */
  function useOpenQuery() {
    const editor = useEditorContext({ nonNull: true });
    const execution = useExecutionContext({ nonNull: true });
    return function open(entry, run) {
      editor.addTab();
      setTimeout(() => {
        editor.queryEditor && editor.queryEditor.setValue(entry.query);
        editor.variableEditor && editor.variableEditor.setValue('');
        const name = /^\s*(?:query|mutation|subscription)\s+(\w+)/m.exec(entry.query);
        if (run) whenParsed(editor, name ? name[1] : null, () => execution.run(), 40);
      }, 0);
    };
  }

  function LibraryEntry({ entry, open }) {
    return h(
      'li',
      { className: 'pg-entry', 'data-query-id': entry.id },
      h('button', { type: 'button', className: 'pg-entry-title', onClick: () => open(entry, false), title: '在新标签页中打开' }, entry.title),
      entry.figure ? h('div', { className: 'pg-figure' }, '报道：', entry.figure) : null,
      h('div', { className: 'pg-description' }, entry.description),
      entry.answer ? h('div', { className: 'pg-answer' }, '看结果：', entry.answer) : null,
      h(
        'div',
        { className: 'pg-actions' },
        h('button', { type: 'button', className: 'pg-button', onClick: () => open(entry, false) }, '打开'),
        h('button', { type: 'button', className: 'pg-button pg-primary', onClick: () => open(entry, true) }, '打开并运行'),
      ),
    );
  }

  function LibraryPanel() {
    const open = useOpenQuery();
    const [text, setText] = React.useState('');
    const entries = config.library.filter((entry) => matches(entry, text.trim()));
    return h(
      'section',
      { className: 'pg-panel' },
      h('div', { className: 'graphiql-doc-explorer-title' }, '查询库'),
      h('p', { className: 'pg-hint' }, '报道中的每个数字都有一条对应的查询；另有分组统计、时间序列、覆盖率等示例。'),
      h('input', {
        type: 'search',
        className: 'pg-search',
        placeholder: '搜索查询（如 督查、口罩、203万）',
        value: text,
        onChange: (event) => setText(event.target.value),
      }),
      config.topics.map((topic) => {
        const own = entries.filter((entry) => entry.topic === topic);
        if (!own.length) return null;
        return h(
          'div',
          { key: topic, className: 'pg-topic' },
          h('h3', null, topic, h('span', { className: 'pg-count' }, `${own.length}`)),
          h('ul', null, own.map((entry) => h(LibraryEntry, { key: entry.id, entry, open }))),
        );
      }),
      entries.length ? null : h('p', { className: 'pg-hint' }, '没有匹配的查询。'),
    );
  }

  // ---------------------------------------------------------------- credentials

  const headersText = (headers) => JSON.stringify(headers, null, 2);

  function CredentialsPanel() {
    const editor = useEditorContext({ nonNull: true });
    const [chosen, setChosen] = React.useState(null);
    function use(credential) {
      editor.headerEditor && editor.headerEditor.setValue(headersText(credential.headers));
      setChosen(credential.label);
    }
    return h(
      'section',
      { className: 'pg-panel' },
      h('div', { className: 'graphiql-doc-explorer-title' }, '凭据'),
      h('p', { className: 'pg-hint' }, '请求头在编辑区下方的 Headers 中编辑，例如 {"authorization": "Bearer <访问令牌>"}。'),
      config.credentials.length
        ? h(
            'ul',
            { className: 'pg-credentials' },
            config.credentials.map((credential) =>
              h(
                'li',
                { key: credential.label, className: 'pg-entry' },
                h('div', { className: 'pg-table-title' }, credential.label, chosen === credential.label ? ' ✓' : ''),
                credential.description ? h('div', { className: 'pg-description' }, credential.description) : null,
                h('div', { className: 'pg-actions' }, h('button', { type: 'button', className: 'pg-button pg-primary', onClick: () => use(credential) }, '使用此凭据')),
              ),
            ),
          )
        : h('p', { className: 'pg-hint' }, '服务端未配置演示凭据。'),
    );
  }

  // ---------------------------------------------------------------- export

  function isRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  /** Lists (connection nodes/edges, groups, time series) and single aggregates (`total`) in a result. */
  function findTables(value, path, tables) {
    if (Array.isArray(value)) {
      const rows = value.filter(isRecord).map((row) => (isRecord(row.node) && Object.keys(row).length <= 2 ? row.node : row));
      if (rows.length) tables.push({ path, rows });
      value.forEach((item, i) => findTables(item, `${path}[${i}]`, tables));
    } else if (isRecord(value)) {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key === 'total' && isRecord(child)) tables.push({ path: childPath, rows: [child] });
        if (key !== 'edges' || !Array.isArray(value.nodes)) findTables(child, childPath, tables);
      }
    }
    return tables;
  }

  /** A row as flat columns: nested objects become `a.b`, lists become JSON. */
  function flatten(row, prefix, out) {
    for (const [key, value] of Object.entries(row)) {
      const column = prefix ? `${prefix}.${key}` : key;
      if (isRecord(value)) flatten(value, column, out);
      else out[column] = Array.isArray(value) ? JSON.stringify(value) : value;
    }
    return out;
  }

  function csvCell(value) {
    if (value === null || value === undefined) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  function toCsv(rows) {
    const flat = rows.map((row) => flatten(row, '', {}));
    const columns = [];
    for (const row of flat) for (const column of Object.keys(row)) if (!columns.includes(column)) columns.push(column);
    const lines = [columns.map(csvCell).join(','), ...flat.map((row) => columns.map((column) => csvCell(row[column])).join(','))];
    // The byte-order mark lets spreadsheet software read the Chinese text as UTF-8.
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function useResponse() {
    const { responseEditor } = useEditorContext({ nonNull: true });
    const [text, setText] = React.useState(responseEditor ? responseEditor.getValue() : '');
    React.useEffect(() => {
      if (!responseEditor) return undefined;
      const update = () => setText(responseEditor.getValue());
      update();
      responseEditor.on('change', update);
      return () => responseEditor.off('change', update);
    }, [responseEditor]);
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }

  function fileBase(operationName, path) {
    const slug = path.replace(/\[\d+\]/g, '').replace(/[^\w.\u4e00-\u9fff-]+/g, '_');
    return `${operationName || '查询结果'}-${slug || 'data'}`;
  }

  function ExportPanel() {
    const response = useResponse();
    const { queryEditor } = useEditorContext({ nonNull: true });
    const operationName = queryEditor ? queryEditor.operationName : null;
    const tables = response && response.data ? findTables(response.data, '', []) : [];
    return h(
      'section',
      { className: 'pg-panel' },
      h('div', { className: 'graphiql-doc-explorer-title' }, '导出'),
      response
        ? h(
            'div',
            null,
            h('p', { className: 'pg-hint' }, '把当前结果中的列表或统计结果导出为 CSV（可用 Excel 打开）或 JSON。'),
            h(
              'ul',
              { className: 'pg-tables' },
              tables.map((table) =>
                h(
                  'li',
                  { key: table.path, className: 'pg-entry', 'data-table-path': table.path },
                  h('div', { className: 'pg-table-title' }, table.path, h('span', { className: 'pg-count' }, `${table.rows.length} 行`)),
                  h(
                    'div',
                    { className: 'pg-actions' },
                    h('button', { type: 'button', className: 'pg-button pg-primary', onClick: () => download(`${fileBase(operationName, table.path)}.csv`, 'text/csv;charset=utf-8', toCsv(table.rows)) }, '导出 CSV'),
                    h('button', { type: 'button', className: 'pg-button', onClick: () => download(`${fileBase(operationName, table.path)}.json`, 'application/json', JSON.stringify(table.rows, null, 2)) }, '导出 JSON'),
                  ),
                ),
              ),
            ),
            h('button', { type: 'button', className: 'pg-button', onClick: () => download(`${operationName || '查询结果'}.json`, 'application/json', JSON.stringify(response, null, 2)) }, '导出完整结果（JSON）'),
          )
        : h('p', { className: 'pg-hint' }, '先执行一个查询，结果中的列表和统计结果会出现在这里。'),
    );
  }

  // ---------------------------------------------------------------- page

  const plugins = [
    { title: '查询库', icon: LibraryIcon, content: LibraryPanel },
    { title: '凭据', icon: KeyIcon, content: CredentialsPanel },
    { title: '导出', icon: ExportIcon, content: ExportPanel },
  ];
  const firstCredential = config.credentials[0];

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    h(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: config.endpoint }),
      defaultQuery: config.defaultQuery,
      defaultHeaders: firstCredential ? headersText(firstCredential.headers) : undefined,
      defaultEditorToolsVisibility: firstCredential ? 'headers' : undefined,
      plugins,
      visiblePlugin: plugins[0],
    }),
  );
})();
