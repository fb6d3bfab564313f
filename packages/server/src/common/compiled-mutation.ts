import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isLeafType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLContext } from './context';
import { basicFieldProperty, collectFields, hasFieldResolver, inputInstance } from './compiled-read';
import type { MutationInput } from './mutation';
import { perDocumentCache } from './per-document-cache';
import { requestScope } from './request-scope';
import { breaksRules } from './validation';

/**
 * Compiled mutations: a mutation with a one-statement path (common/direct-insert.ts) is answered
 * before execution when its payload selection reads only columns of the rows that statement
 * returns. Profiling a care visit put half of a write's Node time in graphql-js execution,
 * type-graphql's argument pipeline and the payload's read-back; here the input is coerced and
 * checked against the same rules, the statement runs, and the payload is written from its row.
 *
 * Everything else goes through the resolvers as before: input that breaks a rule (the resolvers
 * explain it), an idempotency key, a selection the row cannot answer (decided before writing), and
 * a declined statement. The attempt is handed to the resolver (`directAttempt`), so a declined
 * statement is not sent twice and a failure after sending (possibly committed) is reported, never
 * retried. `compiled-mutation.test.ts` compares both paths.
 */

export interface CompiledMutationSpec<P> {
  /** The one-statement path: the payload, or null when it wrote nothing. */
  run: (ctx: GraphQLContext, input: MutationInput) => Promise<P | null>;
  /** Payload fields holding rows the statement returned in full, whose columns can be written out. */
  rows: ReadonlyArray<keyof P & string>;
}

const specs = new Map<string, CompiledMutationSpec<object>>();

/** Declares a mutation field's one-statement path: tried first by runMutation, and answered before execution when it can be. */
export function compiledMutation<P extends object>(field: string, spec: CompiledMutationSpec<P>): void {
  specs.set(field, spec as unknown as CompiledMutationSpec<object>);
}

/** The declared one-statement path of a mutation field, if any. */
export function oneStatementPath(field: string): CompiledMutationSpec<object>['run'] | undefined {
  return specs.get(field)?.run;
}

type Writer = (payload: Record<string, unknown>) => Record<string, unknown>;

interface Plan {
  field: string;
  responseKey: string;
  node: FieldNode;
  spec: CompiledMutationSpec<object>;
  /** The payload's writer, or null when the selection needs the resolvers. */
  write: Writer | null;
}

const plans = perDocumentCache<DocumentNode, Plan | null>();

function planFor(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Plan | null {
  return plans(document, operation.name?.value ?? '', () => {
    const [node, ...others] = operation.selectionSet.selections;
    if (others.length || node.kind !== Kind.FIELD || node.directives?.length || !node.selectionSet) return null;
    const spec = specs.get(node.name.value);
    const field = schema.getMutationType()?.getFields()[node.name.value];
    if (!spec || !field) return null;
    const payloadType = getNullableType(field.type);
    if (!isObjectType(payloadType)) return null;
    const fragments: Fragments = Object.fromEntries(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const write = payloadWriter(payloadType, node.selectionSet, fragments, new Set(spec.rows));
    return { field: node.name.value, responseKey: node.alias?.value ?? node.name.value, node, spec, write };
  });
}

type Fragments = Record<string, FragmentDefinitionNode>;

/**
 * Writes an object of `type` from the property values of its source, or is null when a selected
 * field is not a plain property (`nested` writes the fields it knows, and refuses with null).
 */
function objectWriter(type: GraphQLObjectType, selectionSet: SelectionSetNode, fragments: Fragments, nested: (name: string, nodes: FieldNode[]) => Writer | null | undefined): Writer | null {
  let fields: Map<string, FieldNode[]>;
  try {
    fields = collectFields(fragments, type, selectionSet);
  } catch {
    return null; // directives, fragments on another type
  }
  const parts: Array<[string, (source: Record<string, unknown>) => unknown]> = [];
  for (const [key, nodes] of fields) {
    const name = nodes[0].name.value;
    const field = type.getFields()[name];
    if (name === '__typename') {
      parts.push([key, () => type.name]);
    } else if (!field || nodes.some((node) => node.arguments?.length || node.name.value !== name)) {
      return null;
    } else {
      const own = nested(name, nodes);
      const leaf = getNullableType(field.type);
      const property = basicFieldProperty(type.name, name);
      if (own) parts.push([key, (source) => (source[name] == null ? null : own(source[name] as Record<string, unknown>))]);
      else if (own === null || !isLeafType(leaf) || !property || hasFieldResolver(type.name, name)) return null;
      else parts.push([key, (source) => (source[property] == null ? null : (leaf as GraphQLLeafType).serialize(source[property]))]);
    }
  }
  return (source) => Object.fromEntries(parts.map(([key, part]) => [key, part(source)]));
}

/** The payload: its plain fields, and the returned rows' global ids and columns (nothing that needs loading). */
function payloadWriter(type: GraphQLObjectType, selectionSet: SelectionSetNode, fragments: Fragments, rows: Set<string>): Writer | null {
  return objectWriter(type, selectionSet, fragments, (name, nodes) => {
    if (!rows.has(name)) return undefined;
    const rowType = getNamedType(type.getFields()[name].type);
    if (!isObjectType(rowType) || nodes.length > 1 || !nodes[0].selectionSet) return null;
    return objectWriter(rowType, nodes[0].selectionSet, fragments, () => undefined);
  });
}

/** Apollo plugin: answers a mutation that has a one-statement path before execution (see above). */
export function compiledMutationPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ schema, operation, document, request, contextValue: ctx }) {
          if (operation.operation !== 'mutation' || ctx.idempotencyKey) return null;
          const plan = planFor(schema, document, operation);
          const input = plan?.write && inputOf(schema, operation, plan, request.variables);
          if (!plan?.write || !input || input.idempotencyKey) return null;
          const scope = requestScope.getStore();
          if (scope) scope.mutation = plan.field;
          const attempt = plan.spec.run(ctx, input);
          // Unless the payload is written here, the resolver takes the attempt over: it reports a
          // failure, or runs the full path after a declined statement.
          ctx.directAttempt = attempt;
          const payload = await attempt.catch(() => null);
          const data = payload && writePayload(plan.write, plan.responseKey, payload, input);
          if (!data) return null;
          ctx.compiledMutation = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
        },
      };
    },
  };
}

/** The response's data, or null when a value does not serialize (the resolvers then answer from the committed payload). */
function writePayload(write: Writer, responseKey: string, payload: object, input: MutationInput): Record<string, unknown> | null {
  try {
    return { [responseKey]: write({ ...payload, clientMutationId: input.clientMutationId ?? null }) };
  } catch {
    return null;
  }
}

/** The `input` argument as the resolver would receive it, or null when it breaks a rule or does not coerce. */
function inputOf(schema: GraphQLSchema, operation: OperationDefinitionNode, plan: Plan, variables: Record<string, unknown> | undefined): MutationInput | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return null;
  const field = schema.getMutationType()!.getFields()[plan.field];
  const inputArgument = field.args.find((arg) => arg.name === 'input');
  try {
    const { input: value } = getArgumentValues(field, plan.node, coerced.coerced);
    if (!inputArgument || value == null) return null;
    const input = inputInstance(getNamedType(inputArgument.type).name, value) as MutationInput;
    return breaksRules(input) ? null : input;
  } catch {
    // An argument the resolvers would refuse, or an input class the conversion does not know.
    return null;
  }
}
