/** Entity properties a computed GraphQL field reads, by entity and field name. */
const dependencies = new Map<string, Map<string, string[]>>();

/**
 * Declares which properties of `entity` a field reads when they are not named like the field
 * (Member `age` reads `birthDate`), so that queries reading only the columns their document names
 * (common/row-plan.ts) still load them. common/row-plan.test.ts asks for every field of every type
 * on its own and compares with whole-row reads, so a missing declaration fails there.
 */
export function fieldsRead(entity: { name: string }, fields: Record<string, string[]>): void {
  const known = dependencies.get(entity.name) ?? new Map<string, string[]>();
  for (const [field, properties] of Object.entries(fields)) known.set(field, properties);
  dependencies.set(entity.name, known);
}

/** The declared dependencies of an entity's fields. */
export function fieldDependencies(entity: string): ReadonlyMap<string, string[]> {
  return dependencies.get(entity) ?? new Map();
}
