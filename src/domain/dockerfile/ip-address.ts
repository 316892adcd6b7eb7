/**
 * IP address validators, written out by hand because the domain may not import `node:net`.
 * Both take the candidate text exactly (no surrounding spaces, brackets or zone ids) and
 * run in time linear in its length: no regular expressions at all.
 */

/** A dotted quad: four decimal octets 0-255, no leading zeros (`010` is octal to some parsers). */
export function isIPv4(text: string): boolean {
  if (text.length < 7 || text.length > 15) return false;
  const parts = text.split(".");
  if (parts.length !== 4) return false;
  return parts.every(isOctet);
}

function isOctet(part: string): boolean {
  if (part.length < 1 || part.length > 3) return false;
  for (let i = 0; i < part.length; i++) {
    const code = part.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  if (part.length > 1 && part[0] === "0") return false;
  return Number(part) <= 255;
}

/**
 * An IPv6 address in one of RFC 4291 §2.2's text forms: eight groups of 1-4 hex digits,
 * at most one `::` standing for one or more zero groups, and optionally an embedded IPv4
 * address in place of the last two groups (`::ffff:192.0.2.1`).
 */
export function isIPv6(text: string): boolean {
  if (text.length < 2 || text.length > 45) return false;
  const compressed = text.indexOf("::");
  if (compressed !== -1 && text.indexOf("::", compressed + 1) !== -1) return false;
  // A leading or trailing single colon is not allowed; `::` at either end is.
  if (text.startsWith(":") && !text.startsWith("::")) return false;
  if (text.endsWith(":") && !text.endsWith("::")) return false;
  const groups = text.split(":");
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? "";
    if (group === "") continue; // the empty pieces around `::`
    if (i === groups.length - 1 && group.includes(".")) {
      if (!isIPv4(group)) return false;
      count += 2;
    } else if (isHexGroup(group)) {
      count += 1;
    } else {
      return false;
    }
  }
  return compressed === -1 ? count === 8 : count <= 7;
}

function isHexGroup(group: string): boolean {
  if (group.length < 1 || group.length > 4) return false;
  for (let i = 0; i < group.length; i++) {
    const code = group.charCodeAt(i) | 0x20; // lower-cases letters
    const digit = code >= 48 && code <= 57;
    const hex = code >= 97 && code <= 102;
    if (!digit && !hex) return false;
  }
  return true;
}

/**
 * Addresses a container may hard-code: the any-address it listens on and loopback it
 * talks to itself through (`0.0.0.0`, `127.0.0.0/8`, `::`, `::1`, and their IPv4-mapped forms).
 */
export function isLocalAddress(address: string): boolean {
  if (isIPv4(address)) return address === "0.0.0.0" || address.startsWith("127.");
  if (!isIPv6(address)) return false;
  const lower = address.toLowerCase();
  const mapped = lower.startsWith("::ffff:") ? lower.slice(7) : undefined;
  if (mapped !== undefined && isIPv4(mapped)) return isLocalAddress(mapped);
  const groups = expandIPv6(lower);
  return groups.slice(0, 7).every((g) => g === 0) && (groups[7] === 0 || groups[7] === 1);
}

/** The eight 16-bit groups of a valid IPv6 address (an embedded IPv4 folded into two groups). */
function expandIPv6(address: string): number[] {
  const [head = "", tail] = address.split("::");
  const parse = (side: string): number[] =>
    side === ""
      ? []
      : side.split(":").flatMap((group) => {
          if (!group.includes(".")) return [parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
          return [a * 256 + b, c * 256 + d];
        });
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = new Array<number>(Math.max(0, 8 - left.length - right.length)).fill(0);
  return [...left, ...zeros, ...right];
}
