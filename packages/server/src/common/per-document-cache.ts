/**
 * Results computed from a parsed GraphQL document (or one of its nodes) and a few request values
 * such as variables. Apollo reuses the parsed document of a repeated query, so keying on it makes
 * the computation once per query text; the values it also depends on form `key`. At most `limit`
 * variants are kept per node (ids in variables would otherwise grow it without bound).
 */
export function perDocumentCache<N extends object, V>(limit = 100) {
  const variantsOf = new WeakMap<N, Map<string, V>>();
  return (node: N, key: string, compute: () => V): V => {
    let variants = variantsOf.get(node);
    if (!variants) variantsOf.set(node, (variants = new Map()));
    if (variants.has(key)) return variants.get(key)!;
    if (variants.size >= limit) variants.clear();
    const value = compute();
    variants.set(key, value);
    return value;
  };
}
