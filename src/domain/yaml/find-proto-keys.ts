/** Most nodes visited; the input was already size-checked, this only bounds the walk itself. */
const MAX_VISITS = 100_000;

/**
 * Paths of every own `__proto__` key in a parsed value. Zod drops such keys from records without a
 * word; we report them, because a file that carries one is either mistaken or hostile.
 */
export function findProtoKeys(value: unknown): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const seen = new Set<object>();
  let visits = 0;
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (node === null || typeof node !== "object" || seen.has(node) || ++visits > MAX_VISITS) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === "__proto__") found.push([...path, key]);
      else walk((node as Record<string, unknown>)[key], [...path, key]);
    }
  };
  walk(value, []);
  return found;
}
