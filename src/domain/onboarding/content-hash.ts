/**
 * FNV-1a, 64 bits, over the UTF-16 code units of `parts` (each followed by a separator so
 * that `("ab", "c")` and `("a", "bc")` differ), as 16 hex digits. Not cryptographic: it
 * only tells whether the onboarding PR's content changed since it was written.
 */
export function contentHash(...parts: string[]): string {
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  let hash = 0xcbf29ce484222325n;
  for (const part of parts) {
    for (let i = 0; i <= part.length; i++) {
      const unit = i < part.length ? part.charCodeAt(i) : 0xffff; // 0xffff: the separator
      hash ^= BigInt(unit & 0xff);
      hash = (hash * prime) & mask;
      hash ^= BigInt(unit >> 8);
      hash = (hash * prime) & mask;
    }
  }
  return hash.toString(16).padStart(16, "0");
}
