/**
 * Renders a schema path the way a reader of the YAML file thinks of it: `images[0].ports[1].env`.
 * Keys that are not identifier-like are quoted (`readers["@org/team"]`).
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else {
      const key = String(segment);
      if (/^[A-Za-z_$][\w$-]*$/.test(key) || /^\d+$/.test(key)) out += out === "" ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}
