/** Resolvers of this module, registered in schema.ts through modules/index.ts. */
export const careResolvers: Function[] = [];
