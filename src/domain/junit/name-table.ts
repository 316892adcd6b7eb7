const SLOTS = 4096;

/**
 * Strings for the element and attribute names read from bytes, made once and reused: a
 * report repeats a handful of names millions of times. A name is one string wherever it
 * appears (so names compare by identity), and the names the parser looks for are the
 * very literals it compares with. A slot holds the last name that hashed to it.
 */
export class NameTable {
  private readonly slots: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

  constructor(known: readonly string[]) {
    for (const name of known) this.slots[hash(name)] = name;
  }

  /** The name in ASCII bytes `buf[start, end)`. */
  ascii(buf: Uint8Array, start: number, end: number): string {
    let h = 0;
    for (let k = start; k < end; k++) h = (Math.imul(h, 31) + buf[k]!) | 0;
    const slot = (h ^ (h >>> 12)) & (SLOTS - 1);
    const found = this.slots[slot];
    if (found !== undefined && sameName(buf, start, end, found)) return found;
    const name = String.fromCharCode(...buf.subarray(start, end));
    this.slots[slot] = name;
    return name;
  }
}

function hash(name: string): number {
  let h = 0;
  for (let k = 0; k < name.length; k++) h = (Math.imul(h, 31) + name.charCodeAt(k)) | 0;
  return (h ^ (h >>> 12)) & (SLOTS - 1);
}

/** Whether ASCII bytes `buf[start, end)` spell `name`. */
function sameName(buf: Uint8Array, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (buf[start + k] !== name.charCodeAt(k)) return false;
  return true;
}
