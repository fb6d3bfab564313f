import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, Source, validate, type DocumentNode } from 'graphql';
import { loadSchema, operationFiles, OPERATIONS_DIR, REPO_ROOT, sdkOperations } from './support/documents.js';

const schema = loadSchema();
const files = operationFiles();

describe('the SDK documents', () => {
  it('are organised per domain under src/operations', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect(path.relative(OPERATIONS_DIR, file)).toMatch(/^[a-z-]+\/[a-z.-]+\.graphql$/);
  });

  it('all validate against schema/schema.graphql (fragments are shared across files, every one is used)', () => {
    const documents = files.map((file) => parse(new Source(fs.readFileSync(file, 'utf8'), path.relative(REPO_ROOT, file))));
    const combined: DocumentNode = { kind: Kind.DOCUMENT, definitions: documents.flatMap((document) => document.definitions) };
    const errors = validate(schema, combined).map((error) => {
      const location = error.nodes?.[0]?.loc;
      return `${location ? `${location.source.name}:${location.startToken.line}` : ''} ${error.message}`;
    });
    expect(errors).toEqual([]);
  });

  it('name every operation, and the generated module exports a typed document for each', () => {
    const named = files.flatMap((file) =>
      parse(fs.readFileSync(file, 'utf8')).definitions.flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? `anonymous operation in ${file}`] : [],
      ),
    );
    expect([...sdkOperations().keys()].sort()).toEqual([...named].sort());
    const types = [...sdkOperations().values()].map((operation) => operation.type);
    expect(new Set(types)).toEqual(new Set(['query', 'mutation', 'subscription']));
  });

  it('cover every root field of the schema', () => {
    const selected = new Set<string>();
    for (const { document, type } of sdkOperations().values()) {
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        for (const selection of definition.selectionSet.selections) if (selection.kind === Kind.FIELD) selected.add(`${type}.${selection.name.value}`);
      }
    }
    const roots = [
      ['query', schema.getQueryType()!],
      ['mutation', schema.getMutationType()!],
      ['subscription', schema.getSubscriptionType()!],
    ] as const;
    const missing = roots.flatMap(([type, root]) => Object.keys(root.getFields()).map((field) => `${type}.${field}`)).filter((field) => !selected.has(field));
    if (missing.length) {
      throw new Error(`这些根字段还没有 SDK 文档：${missing.join('、')}\n请在 packages/sdk/src/operations/<领域>/ 中补充操作，运行 pnpm codegen，并在 test/operations.test.ts 中对真实服务执行它们`);
    }
  });

  it('and the committed generated files are what codegen produces from them now', () => {
    const bin = path.join(path.dirname(require.resolve('@graphql-codegen/cli/package.json')), 'cjs/bin.js');
    try {
      execFileSync(process.execPath, [bin, '--config', 'codegen.yml', '--check', '--errors-only'], { cwd: REPO_ROOT, stdio: 'pipe' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout: Buffer; stderr: Buffer };
      throw new Error(`生成文件已过期或文档无效：请运行 pnpm codegen 并提交结果\n${stdout}${stderr}`);
    }
  });
});
