/** A `WWW-Authenticate` challenge the adapter knows how to answer. */
export type AuthChallenge =
  | { readonly scheme: "basic" }
  | { readonly scheme: "bearer"; readonly realm: string; readonly service?: string };

/**
 * Reads a `WWW-Authenticate` header (`Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`).
 * Returns undefined for schemes we cannot answer. The challenge's own `scope` is ignored on purpose:
 * the adapter asks for exactly the scopes each step needs.
 */
export function parseChallenge(header: string | null): AuthChallenge | undefined {
  if (header === null) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (match === null) return undefined;
  const scheme = match[1]!.toLowerCase();
  if (scheme === "basic") return { scheme: "basic" };
  if (scheme !== "bearer") return undefined;
  const params = new Map<string, string>();
  // key=value or key="quoted, with commas", separated by commas.
  const pair = /\s*([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/gy;
  let found: RegExpExecArray | null;
  while ((found = pair.exec(match[2]!)) !== null && found[0] !== "") {
    params.set(found[1]!.toLowerCase(), found[2]?.replace(/\\(.)/g, "$1") ?? found[3] ?? "");
  }
  const realm = params.get("realm");
  if (realm === undefined || realm === "") return undefined;
  const service = params.get("service");
  return service === undefined ? { scheme: "bearer", realm } : { scheme: "bearer", realm, service };
}
