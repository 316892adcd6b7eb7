/**
 * Whether `value` is a digest the copy can verify (`sha256:` or `sha512:` with lowercase hex of the right
 * length). Digests from manifests end up in URL paths, so anything else is refused, not escaped.
 */
export function isDigest(value: string): boolean {
  return /^sha256:[a-f0-9]{64}$/.test(value) || /^sha512:[a-f0-9]{128}$/.test(value);
}
