import { visit, type DocumentNode } from 'graphql';
import type { ConnectionNeeds } from './pagination';

/** What an operation's document asks for, as far as loaders plan their SQL by it. */
export interface OperationShape {
  connectionNeeds: ConnectionNeeds;
  /** Every field name in the document (fragments included); null while unknown. */
  fieldNames: ReadonlySet<string> | null;
  /** Whether rows are read with only the columns the document names (queries only: services of mutations may read any column). */
  projectsColumns: boolean;
}

/** Until the document is known, loaders compute every figure, read whole rows and prefetch nothing. */
export const UNKNOWN_OPERATION: OperationShape = {
  connectionNeeds: { totalCount: true, hasPreviousPage: true, hasNextPage: true },
  fieldNames: null,
  projectsColumns: false,
};

const shapes = new WeakMap<DocumentNode, OperationShape[]>();

/**
 * Scans a whole operation document once; Apollo reuses the parsed document of a repeated query,
 * so this costs nothing per request. Names are matched wherever they occur, which errs on the side
 * of computing a figure or loading a column or reference.
 */
export function operationShapeOf(document: DocumentNode, projectsColumns: boolean): OperationShape {
  let variants = shapes.get(document);
  if (!variants) {
    const names = new Set<string>();
    visit(document, { Field: (field) => void names.add(field.name.value) });
    const connectionNeeds = { totalCount: names.has('totalCount'), hasPreviousPage: names.has('hasPreviousPage'), hasNextPage: names.has('hasNextPage') };
    variants = [false, true].map((projects) => ({ connectionNeeds, fieldNames: names, projectsColumns: projects }));
    shapes.set(document, variants);
  }
  return variants[projectsColumns ? 1 : 0];
}
