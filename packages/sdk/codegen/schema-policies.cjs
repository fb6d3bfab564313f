// Codegen plugin: reads the schema and writes what the Apollo cache needs to know about it —
// every Relay connection field (with the arguments that identify a list, used as keyArgs) and
// every root field that fetches one object by id (used to read it from the cache first).
const { getNamedType, isNonNullType, isObjectType } = require('graphql');

const PAGINATION_ARGS = new Set(['first', 'after', 'last', 'before']);

function isConnection(type) {
  return isObjectType(type) && type.name.endsWith('Connection') && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
}

function connectionFields(schema) {
  const result = {};
  const types = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__') && type !== schema.getMutationType() && type !== schema.getSubscriptionType())
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    const fields = {};
    for (const field of Object.values(type.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
      if (!isConnection(getNamedType(field.type))) continue;
      fields[field.name] = field.args.map((arg) => arg.name).filter((name) => !PAGINATION_ARGS.has(name)).sort();
    }
    if (Object.keys(fields).length) result[type.name] = fields;
  }
  return result;
}

function entityLookupFields(schema) {
  const result = {};
  const query = schema.getQueryType();
  for (const field of Object.values(query.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
    const type = getNamedType(field.type);
    const [arg, ...rest] = field.args;
    const byId = arg && !rest.length && arg.name === 'id' && isNonNullType(arg.type) && getNamedType(arg.type).name === 'ID';
    if (byId && isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node')) result[field.name] = type.name;
  }
  return result;
}

module.exports = {
  plugin(schema) {
    const json = (value) => JSON.stringify(value, null, 2).replace(/"([A-Za-z_][A-Za-z0-9_]*)":/g, '$1:').replace(/"/g, "'");
    return [
      '/* 由 pnpm codegen 根据 schema/schema.graphql 生成（packages/sdk/codegen/schema-policies.cjs），请勿手工修改。 */',
      '',
      '/** 每个返回 Relay 连接的字段（按所属类型），以及区分不同列表的参数（缓存的 keyArgs；first/after/last/before 之外的全部参数）。 */',
      `export const connectionFields = ${json(connectionFields(schema))} as const satisfies Record<string, Record<string, readonly string[]>>;`,
      '',
      '/** 按 id 取单个对象的根查询字段及其返回类型：缓存中已有该对象时直接读取。 */',
      `export const entityLookupFields = ${json(entityLookupFields(schema))} as const satisfies Record<string, string>;`,
      '',
    ].join('\n');
  },
};
