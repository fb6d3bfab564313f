import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import * as generated from '../../src/generated/graphql.js';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const OPERATIONS_DIR = path.resolve(__dirname, '../../src/operations');

export function loadSchema(): GraphQLSchema {
  return buildSchema(fs.readFileSync(path.join(REPO_ROOT, 'schema/schema.graphql'), 'utf8'));
}

export function operationOf(document: DocumentNode): OperationDefinitionNode | undefined {
  return document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

/** Every operation document the SDK exports, by operation name. */
export function sdkOperations(): Map<string, { document: DocumentNode; type: OperationDefinitionNode['operation'] }> {
  const operations = new Map<string, { document: DocumentNode; type: OperationDefinitionNode['operation'] }>();
  for (const [exportName, value] of Object.entries(generated)) {
    if (!exportName.endsWith('Document') || (value as DocumentNode)?.kind !== Kind.DOCUMENT) continue;
    const operation = operationOf(value as DocumentNode);
    if (operation?.name) operations.set(operation.name.value, { document: value as DocumentNode, type: operation.operation });
  }
  return operations;
}

/** All `.graphql` files under src/operations. */
export function operationFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.graphql')) files.push(full);
    }
  };
  walk(OPERATIONS_DIR);
  return files.sort();
}
