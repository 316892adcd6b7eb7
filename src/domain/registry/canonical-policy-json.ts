// Keys whose value IAM accepts as one string or a list of strings, meaning the same thing.
const LIST_KEYS = new Set(["Action", "NotAction", "Resource", "NotResource"]);
const PRINCIPAL_KEYS = new Set(["Principal", "NotPrincipal"]);
const MAX_TEXT = 1_000_000;

/**
 * A canonical form of a policy document (an IAM repository policy or an ECR lifecycle policy), so
 * that what ECR returns can be compared with what the bot would write: ECR re-indents the text it
 * stores, and IAM treats `"Action": "x"` like `"Action": ["x"]` and ignores the order of
 * statements, actions and principals. Keys are sorted, every list is sorted, and one-string
 * values of the list-valued IAM keys become one-element lists.
 *
 * @returns the canonical JSON text, or `undefined` when `text` is not JSON (then it differs from
 *   anything the bot writes, and the bot rewrites it).
 */
export function canonicalPolicyJson(text: string): string | undefined {
  // ECR caps repository policies at 10 KiB and lifecycle policies at 30 KiB; anything far larger
  // is not one of ours, and is not worth the work of sorting.
  if (text.length > MAX_TEXT) return undefined;
  try {
    return JSON.stringify(canonical(JSON.parse(text), undefined));
  } catch {
    // Not JSON, or nested deeper than the stack allows (a RangeError): not what the bot writes.
    return undefined;
  }
}

function canonical(value: unknown, key: string | undefined): unknown {
  if (typeof value === "string" && key !== undefined && LIST_KEYS.has(key)) return [value];
  if (Array.isArray(value)) {
    return value
      .map((item) => canonical(item, undefined))
      .map((item) => ({ item, text: JSON.stringify(item) }))
      .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
      .map(({ item }) => item);
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[name];
      out[name] =
        key !== undefined && PRINCIPAL_KEYS.has(key) && typeof inner === "string"
          ? [inner]
          : canonical(inner, name);
    }
    return out;
  }
  return value;
}
