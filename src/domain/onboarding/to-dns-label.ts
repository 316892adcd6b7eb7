/**
 * A name as a DNS-1123 label (lowercase letters, digits and `-`, starting and ending
 * alphanumeric, at most 63 characters): `My_Repo.js` → `my-repo-js`. `fallback` when
 * nothing is left.
 */
export function toDnsLabel(name: string, fallback: string): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 63)
    .replace(/^-+/, "")
    .replace(/-+$/, "");
  return label === "" ? fallback : label;
}
