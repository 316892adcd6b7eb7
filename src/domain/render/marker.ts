/**
 * Hidden state in an issue or PR body, as HTML comments: `<!-- sofie:status-issue -->`,
 * `<!-- sofie:hash=1a2b3c4d -->`. Text from partners is escaped (see `inlineText`), so the
 * first marker of a key is always ours.
 */

const KEY = /^[a-z][a-z0-9-]*$/;
const VALUE = /^[A-Za-z0-9._:/+-]*$/;

/** `<!-- sofie:key -->` or `<!-- sofie:key=value -->`. Throws on a key or value that would not read back. */
export function renderMarker(key: string, value?: string): string {
  if (!KEY.test(key)) throw new Error(`marker key "${key}" must be lowercase kebab-case`);
  if (value !== undefined && !VALUE.test(value))
    throw new Error(`marker value for "${key}" has unsafe characters`);
  return value === undefined ? `<!-- sofie:${key} -->` : `<!-- sofie:${key}=${value} -->`;
}

/**
 * The value of the first `sofie:<key>` marker in `body`: `""` for a marker without a value,
 * `undefined` when there is none.
 */
export function readMarker(body: string, key: string): string | undefined {
  if (!KEY.test(key) || typeof body !== "string") return undefined;
  const match = new RegExp(`<!-- sofie:${key}(?:=([A-Za-z0-9._:/+-]*))? -->`).exec(body);
  return match ? (match[1] ?? "") : undefined;
}
