import { isAlias, isMap, isScalar, isSeq } from "yaml";
import type { Document, Node } from "yaml";

/** Where a schema path lands in a YAML document. */
export interface YamlNodeLocation {
  /** The value node at the full path, when the path exists. */
  readonly node?: Node;
  /** The key node of the last path segment, when it names a key that exists. */
  readonly key?: Node;
  /** The deepest node that exists along the path (the root at worst): where a missing key belongs. */
  readonly nearest?: Node;
  /** True when every segment of the path was found. */
  readonly found: boolean;
}

/** Aliases resolved while walking one path; bounded so a cyclic or deep alias chain cannot loop. */
const MAX_ALIAS_HOPS = 16;

function resolve(doc: Document, node: unknown): unknown {
  let current = node;
  for (let hop = 0; hop < MAX_ALIAS_HOPS && isAlias(current); hop++) current = current.resolve(doc);
  return current;
}

/**
 * Walks `path` (as zod reports it) through the document's nodes. Map keys are compared as strings, so
 * `ladder.1` finds the key written as the number `1`, which `doc.getIn` would miss.
 */
export function findYamlNode(doc: Document, path: readonly PropertyKey[]): YamlNodeLocation {
  let current = doc.contents as unknown;
  let nearest = (doc.contents ?? undefined) as Node | undefined;
  let key: Node | undefined;
  for (const segment of path) {
    const container = resolve(doc, current);
    key = undefined;
    let next: unknown;
    if (isMap(container)) {
      const pair = container.items.find((item) => {
        const k = isScalar(item.key) ? item.key.value : item.key;
        return String(k) === String(segment);
      });
      if (!pair) return { nearest, found: false } as YamlNodeLocation;
      key = isScalar(pair.key) ? pair.key : undefined;
      next = pair.value;
    } else if (isSeq(container) && typeof segment === "number") {
      next = container.items[segment];
    }
    if (next === undefined || next === null) {
      return key ? { key, nearest: key, found: true } : ({ nearest, found: false } as YamlNodeLocation);
    }
    current = next;
    nearest = next as Node;
  }
  const node = current as Node;
  return key ? { node, key, nearest: node, found: true } : { node, nearest: node, found: true };
}
