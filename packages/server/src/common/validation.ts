import { getMetadataStorage as validationMetadata, validate, validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import { getMetadataStorage, type ResolverData } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';

interface FieldProblem {
  field: string;
  message: string;
}

function problems(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...problems(error.children ?? [], field)];
  });
}

/** The argument name an input object was passed as, found through its GraphQL input type name. */
function argumentName(argType: unknown, info: GraphQLResolveInfo): string {
  const typeName = getMetadataStorage().inputTypes.find((meta) => meta.target === argType)?.name;
  const field = info.parentType.getFields()[info.fieldName];
  return field?.args.find((arg) => getNamedType(arg.type).name === typeName)?.name ?? '';
}

/**
 * class-validator looks up a class's rules on every validation (and again for each nested object)
 * by scanning every class it knows for ancestors: 30–40 µs of a write's CPU. Rules are declared by
 * decorators while the modules load, so the lookups are remembered per class and options, and
 * forgotten whenever a rule is added.
 */
function rememberRuleLookups(): void {
  type Storage = ReturnType<typeof validationMetadata>;
  const storage = validationMetadata() as Storage & { rememberingLookups?: true };
  if (storage.rememberingLookups) return;
  storage.rememberingLookups = true;
  const lookups = new Map<unknown, Map<string, ReturnType<Storage['getTargetValidationMetadatas']>>>();
  const groupings = new WeakMap<object, ReturnType<Storage['groupByPropertyName']>>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = JSON.stringify([schema, always, strictGroups, groups]);
    let byOptions = lookups.get(target);
    if (!byOptions) lookups.set(target, (byOptions = new Map()));
    let found = byOptions.get(options);
    if (!found) byOptions.set(options, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadatas) => {
    let grouped = groupings.get(metadatas);
    if (!grouped) groupings.set(metadatas, (grouped = group(metadatas)));
    return grouped;
  };
  for (const add of ['addValidationMetadata', 'addConstraintMetadata'] as const) {
    const original = storage[add].bind(storage) as (metadata: unknown) => void;
    (storage[add] as (metadata: unknown) => void) = (metadata) => {
      lookups.clear();
      original(metadata);
    };
  }
}
rememberRuleLookups();

const constrained = new WeakMap<object, boolean>();

/**
 * Whether class-validator knows any rule for the class (its own or inherited, nested validation
 * included); arguments without rules, such as paging arguments, skip validation, which runs for
 * every field resolver call.
 */
function hasConstraints(argType: unknown): boolean {
  if (typeof argType !== 'function') return true;
  let known = constrained.get(argType);
  if (known === undefined) {
    known = validationMetadata().getTargetValidationMetadatas(argType, '', true, false).length > 0;
    constrained.set(argType, known);
  }
  return known;
}

// Absent and null optional fields are GraphQL's concern (non-null is enforced by the schema), not a validation failure.
const OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true, validationError: { target: false, value: false } };

/** Whether an input object (a class instance) breaks any rule; every rule of this schema is synchronous. */
export function breaksRules(value: object): boolean {
  return hasConstraints(value.constructor) && validateSync(value, OPTIONS).length > 0;
}

/**
 * Validates input objects with class-validator before any resolver runs. A failure is a
 * BAD_USER_INPUT error naming every offending field by its full path (e.g. `filter.nameContains`).
 */
export async function validateArgument(argValue: unknown, argType: unknown, { info }: ResolverData<object>): Promise<void> {
  if (argValue === null || typeof argValue !== 'object' || !hasConstraints(argType)) return;
  const values = Array.isArray(argValue) ? argValue : [argValue];
  const found: FieldProblem[] = [];
  for (const [index, value] of values.entries()) {
    if (value === null || typeof value !== 'object') continue;
    const errors = await validate(value, OPTIONS);
    found.push(...problems(errors, Array.isArray(argValue) ? `${index}` : ''));
  }
  if (!found.length) return;
  const prefix = argumentName(argType, info);
  for (const problem of found) problem.field = [prefix, problem.field].filter(Boolean).join('.');
  throw new GraphQLError(`输入参数校验失败：${found.map((p) => `${p.field}：${p.message}`).join('；')}`, {
    extensions: { code: ErrorCode.BadUserInput, fields: [...new Set(found.map((p) => p.field))], problems: found },
  });
}
