import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** What a Relay connection in a result looks like (edges, nodes or both). */
export interface ConnectionLike<TNode = unknown> {
  edges?: ReadonlyArray<{ node: TNode } | null> | null;
  nodes?: ReadonlyArray<TNode> | null;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** The node type of a connection selection. */
export type NodeOf<C> = C extends { edges: ReadonlyArray<infer E> | null | undefined }
  ? NonNullable<E> extends { node: infer N }
    ? N
    : never
  : C extends { nodes: ReadonlyArray<infer N> | null | undefined }
    ? N
    : never;

/** Anything that can run a typed query: the small client, or an adapter over Apollo (`{ query: (d, v) => apollo.query({ query: d, variables: v }).then((r) => r.data!) }`). */
export interface QueryRunner {
  query<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData>;
}

export interface PaginateOptions<TData, TVariables, C> {
  /** A query with `$first` and `$after` variables. */
  document: TypedDocumentNode<TData, TVariables>;
  /** Its other variables (filters, ids…). */
  variables?: Omit<TVariables, 'first' | 'after'>;
  /** Picks the connection out of a result, e.g. `(data) => data.organizations`. */
  select: (data: TData) => C | null | undefined;
  /** Start after this cursor (default: from the beginning). */
  after?: string | null;
  /** Page size (default 100, the server's maximum). */
  pageSize?: number;
  /** Stop early. */
  signal?: AbortSignal;
}

/**
 * Walks a whole connection page by page (`first` + `after: endCursor`), yielding each node:
 *
 * ```ts
 * for await (const org of paginate(client, { document: OrganizationsDocument, variables: { filter }, select: (d) => d.organizations })) { … }
 * ```
 */
export async function* paginate<TData, TVariables extends { first?: number | null; after?: string | null }, C extends ConnectionLike>(
  client: QueryRunner,
  options: PaginateOptions<TData, TVariables, C>,
): AsyncGenerator<NodeOf<C>, void, undefined> {
  for await (const page of paginatePages(client, options)) {
    const nodes = page.edges ? page.edges.flatMap((edge) => (edge ? [edge.node] : [])) : (page.nodes ?? []);
    for (const node of nodes) yield node as NodeOf<C>;
  }
}

/** Like `paginate`, but yields each page's connection (with totalCount and pageInfo). */
export async function* paginatePages<TData, TVariables extends { first?: number | null; after?: string | null }, C extends ConnectionLike>(
  client: QueryRunner,
  options: PaginateOptions<TData, TVariables, C>,
): AsyncGenerator<C, void, undefined> {
  let after: string | null = options.after ?? null;
  for (;;) {
    if (options.signal?.aborted) return;
    const variables = { ...options.variables, first: options.pageSize ?? 100, after } as unknown as TVariables & Record<string, unknown>;
    const data = await client.query(options.document as TypedDocumentNode<TData, TVariables & Record<string, unknown>>, variables);
    const connection = options.select(data);
    if (!connection) return;
    yield connection;
    const { hasNextPage, endCursor } = connection.pageInfo;
    if (!hasNextPage || !endCursor || endCursor === after) return;
    after = endCursor;
  }
}

/** Collects an async iterable into an array: `await collect(paginate(…))`. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}
