import { NAME, isNameStartByte } from "./xml-chars.js";

/** Longest reference read (`&` to `;`); longer is malformed. Bounds what the scanner holds back. */
export const MAX_REFERENCE = 40;

/** `readReference` results that are not a reference. */
export const INCOMPLETE = -1;
export const MALFORMED = -2;
export const UNDEFINED = -3;

/** The code point of `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` whose name is at `at`, length bytes; else -1. */
function predefined(buf: Uint8Array, at: number, length: number): number {
  const c0 = buf[at];
  const c1 = buf[at + 1];
  if (length === 2 && c1 === 0x74) return c0 === 0x6c ? 0x3c : c0 === 0x67 ? 0x3e : -1;
  if (length === 3) return c0 === 0x61 && c1 === 0x6d && buf[at + 2] === 0x70 ? 0x26 : -1;
  if (length !== 4) return -1;
  if (c0 === 0x71 && c1 === 0x75 && buf[at + 2] === 0x6f && buf[at + 3] === 0x74) return 0x22;
  if (c0 === 0x61 && c1 === 0x70 && buf[at + 2] === 0x6f && buf[at + 3] === 0x73) return 0x27;
  return -1;
}

function digitValue(c: number, hex: boolean): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (!hex) return -1;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/**
 * Reads the reference whose `&` is at `at`, looking no further than `end`. Returns the code
 * point it stands for times 64 plus its length in bytes (code points above U+10FFFF come
 * out as 0x110000), or INCOMPLETE (`end` came first: more bytes may complete it), MALFORMED
 * or UNDEFINED (a well-formed `&name;` that is not one of XML's five entities).
 */
export function readReference(buf: Uint8Array, at: number, end: number): number {
  const limit = Math.min(end, at + MAX_REFERENCE);
  let k = at + 1;
  if (k >= limit) return limit === end ? INCOMPLETE : MALFORMED;
  if (buf[k] === 0x23) {
    const hex = buf[k + 1] === 0x78;
    k += hex ? 2 : 1;
    const first = k;
    let code = 0;
    for (; k < limit; k++) {
      const digit = digitValue(buf[k]!, hex);
      if (digit < 0) break;
      code = Math.min(code * (hex ? 16 : 10) + digit, 0x110000);
    }
    if (k >= limit) return limit === end ? INCOMPLETE : MALFORMED;
    if (k === first || buf[k] !== 0x3b) return MALFORMED;
    return code * 64 + (k + 1 - at);
  }
  if (!isNameStartByte(buf[k]!)) return MALFORMED;
  for (k++; k < limit && NAME[buf[k]!] === 1; k++);
  if (k >= limit) return limit === end ? INCOMPLETE : MALFORMED;
  if (buf[k] !== 0x3b) return MALFORMED;
  const code = predefined(buf, at + 1, k - at - 1);
  return code < 0 ? UNDEFINED : code * 64 + (k + 1 - at);
}
