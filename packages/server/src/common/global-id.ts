import { badUserInput } from './errors';

export interface DecodedGlobalId {
  typeName: string;
  id: number;
}

export function toGlobalId(typeName: string, id: number | string): string {
  return Buffer.from(`${typeName}:${id}`, 'utf8').toString('base64url');
}

/** Decodes an opaque id; malformed input is the caller's mistake, reported as BAD_USER_INPUT. */
export function fromGlobalId(globalId: string, field = 'id'): DecodedGlobalId {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Za-z]+):([1-9]\d{0,15})$/.exec(decoded);
  if (!match || toGlobalId(match[1], match[2]) !== globalId) {
    throw badUserInput(`无效的 ID：${JSON.stringify(globalId)}`, field);
  }
  return { typeName: match[1], id: Number(match[2]) };
}

/** Decodes an id that must name an object of the given type. */
export function fromGlobalIdOf(typeName: string, globalId: string, field = 'id'): number {
  const decoded = fromGlobalId(globalId, field);
  if (decoded.typeName !== typeName) {
    throw badUserInput(`ID ${JSON.stringify(globalId)} 不是 ${typeName} 类型`, field);
  }
  return decoded.id;
}
