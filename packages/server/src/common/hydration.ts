import { ReferenceKind, type EntityClass, type EntityManager, type EntityMetadata, type EntityProperty, type Platform } from '@mikro-orm/core';

type Row = Record<string, unknown>;

/**
 * Read-only entity hydration for the read paths (lists, lookups, references).
 *
 * `em.map` registers every row in the unit of work: it builds change-tracking state, an identity
 * map entry and a wrapped helper per entity, which profiling showed to be most of a list query's
 * CPU time. Read paths never flush what they load (writes load through `loadForWrite`), so they
 * build objects that have the entity's prototype — type-graphql's field resolvers, `globalId`
 * and `constructor.name` (Node's resolveType) work unchanged — but carry plain data. Many-to-one
 * relations become id-only references of the target type, as the ORM's unloaded references are.
 */
export function hydrate<T extends object>(em: EntityManager, entity: EntityClass<T> | string, row: Row): T {
  return plainTypeOf(em.getMetadata().find(typeof entity === 'string' ? entity : entity.name)!, em).hydrate(row) as T;
}

interface PlainType {
  hydrate(row: Row): object;
  reference(id: unknown): object;
}

const plainTypes = new WeakMap<EntityMetadata, PlainType>();

function plainTypeOf(meta: EntityMetadata, em: EntityManager): PlainType {
  let type = plainTypes.get(meta);
  if (!type) {
    type = buildPlainType(meta, em);
    plainTypes.set(meta, type);
  }
  return type;
}

function buildPlainType(meta: EntityMetadata, em: EntityManager): PlainType {
  const columns = meta.props.filter((prop) => prop.kind === ReferenceKind.SCALAR && prop.persist !== false);
  const references = meta.props.filter((prop) => prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner));
  const platform = em.getPlatform();
  const prototype = plainPrototype(meta, [...columns, ...references]);
  const convert = columns.map((prop) => converterOf(prop, platform));
  const referenceTo = references.map((prop) => {
    let target: PlainType | undefined;
    return (id: unknown) => (target ??= plainTypeOf(em.getMetadata().find(prop.type)!, em)).reference(id);
  });
  // A generated constructor assigns every property in one fixed order: V8 gives all instances
  // one shape, where a loop over property names was the hottest function of list queries.
  const assignments = [
    ...columns.map((prop, i) => `v = row[${JSON.stringify(prop.fieldNames[0])}]; this[${JSON.stringify(prop.name)}] = v == null ? null : convert[${i}](v);`),
    ...references.map((prop, i) => `v = row[${JSON.stringify(prop.fieldNames[0])}]; this[${JSON.stringify(prop.name)}] = v == null ? null : referenceTo[${i}](v);`),
  ];
  const Hydrated = new Function('convert', 'referenceTo', `return function Hydrated(row) { let v; ${assignments.join(' ')} };`)(convert, referenceTo);
  Hydrated.prototype = prototype;
  const primary = meta.getPrimaryProps()[0];
  const convertPrimary = primary.customType ? converterOf(primary, platform) : (id: unknown) => id;
  const Reference = new Function(`return function Reference(id) { this[${JSON.stringify(primary.name)}] = id; };`)();
  Reference.prototype = prototype;
  return {
    hydrate: (row) => new Hydrated(row),
    reference: (id) => new Reference(convertPrimary(id)),
  };
}

/** The conversions the ORM's own hydrator applies: custom types, booleans, dates given as strings (JSON rows). */
function converterOf(prop: EntityProperty, platform: Platform): (value: unknown) => unknown {
  const type = prop.customType;
  if (type) return (value) => type.convertToJSValue(value, platform);
  if (prop.runtimeType === 'boolean') return (value) => Boolean(value);
  if (prop.runtimeType === 'Date') return (value) => (value instanceof Date ? value : new Date(value as string));
  return (value) => value;
}

/**
 * The entity's prototype behind a layer of plain writable data properties: assignments land on
 * the instance instead of the ORM's tracking setters on the entity prototype.
 */
function plainPrototype(meta: EntityMetadata, props: EntityProperty[]): object {
  const prototype = Object.create(meta.prototype as object);
  for (const prop of props) {
    Object.defineProperty(prototype, prop.name, { value: undefined, writable: true, enumerable: false, configurable: true });
  }
  return prototype;
}
