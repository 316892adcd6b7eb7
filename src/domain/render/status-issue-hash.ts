/**
 * A short, stable content hash (32-bit FNV-1a over the UTF-8 bytes, 8 hex digits) so that a
 * caller can skip rewriting the status issue when nothing changed. Not for security: it only
 * has to change when the text changes, and be the same on every machine and Node version.
 */
export function statusIssueHash(body: string): string {
  const bytes = new TextEncoder().encode(body);
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
