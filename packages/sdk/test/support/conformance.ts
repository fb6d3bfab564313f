import { execute, GraphQLScalarType, type DocumentNode, type GraphQLFieldResolver } from 'graphql';
import { loadSchema } from './documents.js';

/**
 * Checks a live response against the operation's selection and the schema — the same facts the
 * generated TypeScript types are made of: every selected field present and nothing else,
 * non-null fields non-null, enums valid, Int/Float/Boolean/String of the right JS type, union
 * members named by __typename, and the custom scalars in their documented formats.
 */
const schema = loadSchema();
const formats: Record<string, RegExp> = {
  Money: /^-?\d{1,15}\.\d{2}$/,
  Date: /^\d{4}-\d{2}-\d{2}$/,
  DateTime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};
for (const [name, format] of Object.entries(formats)) {
  const scalar = schema.getType(name) as GraphQLScalarType;
  (scalar as { serialize: (value: unknown) => unknown }).serialize = (value) => {
    if (typeof value !== 'string' || !format.test(value)) throw new TypeError(`${name} 格式不符：${JSON.stringify(value)}`);
    return value;
  };
}

const byResponseKey: GraphQLFieldResolver<Record<string, unknown>, unknown> = (source, _args, _context, info) => source[info.path.key as string];

export function conformanceErrors(document: DocumentNode, variables: Record<string, unknown> | undefined, data: unknown): string[] {
  const result = execute({
    schema,
    document,
    rootValue: data,
    variableValues: variables,
    fieldResolver: byResponseKey,
    typeResolver: (value) => (value as { __typename?: string }).__typename,
  }) as { data?: unknown; errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number> }> };
  const errors = (result.errors ?? []).map((error) => `${error.path?.join('.') ?? ''}: ${error.message}`);
  // Re-serialised through the schema, the data must come out exactly as it went in.
  if (!errors.length && JSON.stringify(result.data) !== JSON.stringify(data)) errors.push('response has fields the operation did not select or values of the wrong type');
  return errors;
}

export function expectConforms(document: DocumentNode, variables: Record<string, unknown> | undefined, data: unknown): void {
  const errors = conformanceErrors(document, variables, data);
  if (errors.length) throw new Error(`response does not match its operation:\n${errors.join('\n')}\n${JSON.stringify(data).slice(0, 2000)}`);
}
