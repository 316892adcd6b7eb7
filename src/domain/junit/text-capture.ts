/**
 * Collects UTF-8 text up to a limit in characters, remembering whether anything was cut.
 * It keeps at most `3 * limit` bytes (a UTF-16 character never takes more than three
 * bytes), so a huge text node costs a bounded buffer, never its size.
 */
export class TextCapture {
  private bytes = Buffer.allocUnsafe(64);
  private size = 0;
  private dropped = false;
  private readonly capacity: number;

  /** @param limit characters kept */
  constructor(private readonly limit: number) {
    this.capacity = limit * 3 + 3;
  }

  /** Appends `buf[start, end)`. */
  append(buf: Uint8Array, start: number, end: number): void {
    if (end <= start) return;
    let stop = end;
    if (this.size + (end - start) > this.capacity) {
      this.dropped = true;
      stop = start + Math.max(0, this.capacity - this.size);
      if (stop <= start) return;
    }
    this.reserve(stop - start);
    // A plain view: cheaper than Buffer#copy's argument checks for the many short pieces.
    this.bytes.set(new Uint8Array(buf.buffer, buf.byteOffset + start, stop - start), this.size);
    this.size += stop - start;
  }

  appendByte(byte: number): void {
    if (this.size >= this.capacity) {
      this.dropped = true;
      return;
    }
    this.reserve(1);
    this.bytes[this.size++] = byte;
  }

  /** Appends a code point (from a character reference) as UTF-8. */
  appendCodePoint(c: number): void {
    if (c < 0x80) return this.appendByte(c);
    if (c < 0x800) {
      this.appendByte(0xc0 | (c >> 6));
    } else {
      if (c < 0x10000) this.appendByte(0xe0 | (c >> 12));
      else {
        this.appendByte(0xf0 | (c >> 18));
        this.appendByte(0x80 | ((c >> 12) & 0x3f));
      }
      this.appendByte(0x80 | ((c >> 6) & 0x3f));
    }
    this.appendByte(0x80 | (c & 0x3f));
  }

  /** Empties it for the next text. */
  reset(): void {
    this.size = 0;
    this.dropped = false;
  }

  /** The text cut at the limit, and whether it was longer. */
  read(): [text: string, truncated: boolean] {
    const [text, cutHere] = cut(this.bytes.toString("utf8", 0, this.size), this.limit);
    return [text, cutHere || this.dropped];
  }

  private reserve(more: number): void {
    if (this.size + more <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(
      Math.min(this.capacity, Math.max(this.size + more, this.bytes.length * 2)),
    );
    this.bytes.copy(grown, 0, 0, this.size);
    this.bytes = grown;
  }
}

/** `value` cut at `limit` characters (never between the halves of a surrogate pair); the flag says whether it was cut. */
export function cut(value: string, limit: number): [string, boolean] {
  if (value.length <= limit) return [value, false];
  const last = value.charCodeAt(limit - 1);
  return [value.slice(0, last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit), true];
}
