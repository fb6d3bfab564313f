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

/** An id-only reference of `entity`, like the ORM's unloaded reference. */
export function referenceOf<T extends object>(em: EntityManager, entity: EntityClass<T>, id: unknown): T {
  return plainTypeOf(em.getMetadata().find(entity.name)!, em).reference(id) as T;
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
  const Plain = plainConstructor(meta, [...columns, ...references]);
  const platform = em.getPlatform();
  const readers = columns.map((prop) => {
    const column = prop.fieldNames[0];
    const convert = converterOf(prop, platform);
    return (row: Row) => {
      const value = row[column];
      return value === null || value === undefined ? null : convert(value);
    };
  });
  const referenceReaders = references.map((prop) => {
    const column = prop.fieldNames[0];
    const target = () => plainTypeOf(em.getMetadata().find(prop.type)!, em);
    return (row: Row) => {
      const id = row[column];
      return id === null || id === undefined ? null : target().reference(id);
    };
  });
  const names = [...columns, ...references].map((prop) => prop.name);
  const read = [...readers, ...referenceReaders];
  const primary = meta.getPrimaryProps()[0];
  const primaryType = primary.customType;
  return {
    hydrate(row) {
      const entity = new Plain() as Row;
      for (let i = 0; i < names.length; i++) entity[names[i]] = read[i](row);
      return entity;
    },
    reference(id) {
      const entity = new Plain() as Row;
      entity[primary.name] = primaryType ? primaryType.convertToJSValue(id, platform) : id;
      return entity;
    },
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
 * A constructor whose instances inherit from the entity's prototype through a layer of plain
 * writable data properties: assignments land on the instance instead of the ORM's tracking
 * setters on the entity prototype.
 */
function plainConstructor(meta: EntityMetadata, props: EntityProperty[]): new () => object {
  const prototype = Object.create(meta.prototype as object);
  for (const prop of props) {
    Object.defineProperty(prototype, prop.name, { value: undefined, writable: true, enumerable: false, configurable: true });
  }
  function Plain(this: object) {}
  Plain.prototype = prototype;
  return Plain as unknown as new () => object;
}
