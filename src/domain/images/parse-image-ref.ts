/** An image reference split into its registry host, repository and tag or digest. */
export interface ImageRef {
  readonly host: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Parses `host[:port]/path/name[:tag][@sha256:…]`, the form `images.json` carries. A host is
 * required (a CI registry is never Docker Hub's implicit default here). Undefined when the
 * reference is malformed.
 */
export function parseImageRef(reference: string): ImageRef | undefined {
  if (reference.length > 1024) return undefined;
  const at = reference.indexOf("@");
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;
  const named = at === -1 ? reference : reference.slice(0, at);
  const slash = named.indexOf("/");
  if (slash <= 0) return undefined;
  const host = named.slice(0, slash);
  if (
    !/^[a-zA-Z0-9.-]+(?::\d{1,5})?$/.test(host) ||
    !(host.includes(".") || host.includes(":") || host === "localhost")
  ) {
    return undefined;
  }
  let path = named.slice(slash + 1);
  let tag: string | undefined;
  const colon = path.lastIndexOf(":");
  if (colon !== -1) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/.test(tag)) return undefined;
  }
  if (!path.split("/").every((part) => COMPONENT.test(part))) return undefined;
  return { host, repository: path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}
