/**
 * A fast path in front of the decoder and the XML parser for the bulk of big reports: the
 * text of `<system-out>` and `<system-err>` (often 90% of the bytes), which we never keep.
 * It works on the raw bytes of an ASCII-compatible encoding with native byte searches, so
 * skipped text is neither decoded nor parsed character by character.
 *
 * Between `<system-out>` and `</system-out>` the content must be plain text and CDATA
 * sections: no `<` other than those, no `]]>` in text, and only well-formed references
 * (the five predefined entities or a numeric reference). What is passed on is just the
 * content's line breaks, so the line numbers the parser reports stay exact. On anything
 * else (a child element, a comment, an undefined entity) it stops skipping and passes the
 * raw bytes through, so the strict parser judges them and reports the error.
 *
 * Deliberately lenient: control characters (ANSI colour codes) and numeric references to
 * them (Surefire writes `&#27;`) are tolerated in this discarded text, since they are
 * common in real reports and harmless here; elsewhere they are errors.
 *
 * Comments, CDATA sections and processing instructions outside are passed through whole,
 * so a `<system-out>` inside them is never taken for a tag.
 */
const NORMAL = 0;
const COMMENT = 1;
const CDATA = 2;
const PI = 3;
const SKIP = 4;
const SKIP_CDATA = 5;

const SYSTEM_OUT = Buffer.from("<system-out>");
const SYSTEM_ERR = Buffer.from("<system-err>");
const CLOSE_OUT = Buffer.from("</system-out>");
const CLOSE_ERR = Buffer.from("</system-err>");
const COMMENT_OPEN = Buffer.from("<!--");
const CDATA_OPEN = Buffer.from("<![CDATA[");
const CLOSERS = ["-->", "]]>", "?>"];
/** Longer than any marker or reference that must be seen whole: kept for the next chunk. */
const HOLD = 16;
const LT = 0x3c;
const AMP = 0x26;
/** What the cursors search for: `&`, `]]>`, LF, CR. */
const TARGETS: readonly (number | string)[] = [AMP, "]]>", 0x0a, 0x0d];
const C_AMP = 0;
const C_END = 1;
const C_LF = 2;
const C_CR = 3;

function matches(buf: Buffer, at: number, pattern: Buffer): boolean {
  if (at + pattern.length > buf.length) return false;
  for (let k = 0; k < pattern.length; k++) if (buf[at + k] !== pattern[k]) return false;
  return true;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c: number | undefined): boolean =>
  c !== undefined && (isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));

/** Length of a well-formed reference after the `&` at `at - 1` (`amp;`, `#10;`...), or 0. */
function referenceLength(buf: Buffer, at: number): number {
  const c0 = buf[at];
  const c1 = buf[at + 1];
  if ((c0 === 0x6c || c0 === 0x67) && c1 === 0x74 && buf[at + 2] === 0x3b) return 3; // lt; gt;
  if (c0 === 0x61 && c1 === 0x6d && buf[at + 2] === 0x70 && buf[at + 3] === 0x3b) return 4; // amp;
  if (c0 === 0x71 && c1 === 0x75 && buf[at + 2] === 0x6f && buf[at + 3] === 0x74 && buf[at + 4] === 0x3b)
    return 5;
  if (c0 === 0x61 && c1 === 0x70 && buf[at + 2] === 0x6f && buf[at + 3] === 0x73 && buf[at + 4] === 0x3b)
    return 5;
  if (c0 !== 0x23) return 0; // #
  const hex = c1 === 0x78;
  let k = hex ? 2 : 1;
  const start = k;
  while (k < 10 && (hex ? isHex(buf[at + k]) : isDigit(buf[at + k]))) k++;
  return k > start && buf[at + k] === 0x3b ? k + 1 : 0;
}

export class OutputSkipper {
  private mode = NORMAL;
  private close = CLOSE_OUT;
  private carry: Buffer | undefined;
  private out = Buffer.alloc(0);
  private scratch = Buffer.alloc(0);
  private o = 0;
  /** Next position of each search target at or after the last query; monotonic per chunk. */
  private readonly cursors = [0, 0, 0, 0];

  /** The bytes to decode for this chunk. Valid until the next call. */
  push(chunk: Uint8Array): Uint8Array {
    const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let buf = view;
    if (this.carry !== undefined) {
      // One scratch buffer, reused: allocating carry + chunk afresh for every chunk costs
      // more resident memory than the parse itself on a big report.
      const size = this.carry.length + view.length;
      if (this.scratch.length < size) this.scratch = Buffer.allocUnsafe(size + (size >> 2));
      this.carry.copy(this.scratch);
      view.copy(this.scratch, this.carry.length);
      buf = this.scratch.subarray(0, size);
      this.carry = undefined;
    }
    return this.run(buf, false);
  }

  /** The bytes to decode at the end of the input. */
  end(): Uint8Array {
    const buf = this.carry ?? Buffer.alloc(0);
    this.carry = undefined;
    return this.run(buf, true);
  }

  private next(buf: Buffer, target: number, from: number): number {
    let at = this.cursors[target]!;
    if (at < from) {
      at = buf.indexOf(TARGETS[target]!, from);
      if (at === -1) at = buf.length + 1;
      this.cursors[target] = at;
    }
    return at;
  }

  private emit(buf: Buffer, from: number, to: number): void {
    const out = this.out;
    if (to - from > 64) {
      this.o += buf.copy(out, this.o, from, to);
      return;
    }
    // Short runs (the tags between two outputs) copy faster by hand than through Buffer#copy.
    let o = this.o;
    for (let k = from; k < to; k++) out[o++] = buf[k]!;
    this.o = o;
  }

  /** Emits the line breaks in `[from, to)`, counted as XML normalises them. */
  private lineBreaks(buf: Buffer, from: number, to: number): void {
    let count = 0;
    for (let at = this.next(buf, C_LF, from); at < to; at = this.next(buf, C_LF, at + 1)) count++;
    for (let at = this.next(buf, C_CR, from); at < to; at = this.next(buf, C_CR, at + 1)) {
      if (buf[at + 1] !== 0x0a) count++;
    }
    this.o += this.out.fill(0x0a, this.o, this.o + count) && count;
  }

  private run(buf: Buffer, final: boolean): Uint8Array {
    const n = buf.length;
    if (this.out.length < n + HOLD) this.out = Buffer.allocUnsafe(n + HOLD + (n >> 2));
    this.o = 0;
    this.cursors.fill(-1);
    let i = 0;
    let held = n; // where the carry starts, when a marker may straddle the chunk end
    outer: while (i < n) {
      if (this.mode === NORMAL) {
        for (let lt = buf.indexOf(LT, i); ; lt = buf.indexOf(LT, lt + 1)) {
          if (lt === -1) {
            this.emit(buf, i, n);
            i = n;
            break outer;
          }
          if (!final && lt + HOLD > n) {
            this.emit(buf, i, lt);
            held = lt;
            break outer;
          }
          const next = buf[lt + 1];
          let mode = NORMAL;
          let length = 0;
          if (next === 0x73 && (matches(buf, lt, SYSTEM_OUT) || matches(buf, lt, SYSTEM_ERR))) {
            mode = SKIP;
            length = SYSTEM_OUT.length;
            this.close = buf[lt + 8] === 0x6f ? CLOSE_OUT : CLOSE_ERR;
          } else if (next === 0x21 && matches(buf, lt, COMMENT_OPEN)) [mode, length] = [COMMENT, 4];
          else if (next === 0x21 && matches(buf, lt, CDATA_OPEN)) [mode, length] = [CDATA, 9];
          else if (next === 0x3f) [mode, length] = [PI, 2];
          if (mode !== NORMAL) {
            this.emit(buf, i, lt + length);
            i = lt + length;
            this.mode = mode;
            continue outer;
          }
        }
      } else if (this.mode <= PI) {
        const closer = CLOSERS[this.mode - 1]!;
        const at = buf.indexOf(closer, i);
        if (at === -1) {
          const to = final ? n : Math.max(i, n - closer.length + 1);
          this.emit(buf, i, to);
          i = held = to;
          break;
        }
        this.emit(buf, i, at + closer.length);
        i = at + closer.length;
        this.mode = NORMAL;
      } else {
        const before = this.mode;
        const j = before === SKIP ? this.skipText(buf, i, final) : this.skipCdata(buf, i, final);
        if (j < 0) {
          // Not sure: hand the raw bytes from i to the strict parser.
          if (before === SKIP_CDATA) {
            this.emit(CDATA_OPEN, 0, CDATA_OPEN.length);
            this.mode = CDATA;
          } else this.mode = NORMAL;
          continue;
        }
        i = j;
        if (this.mode === before) {
          held = i; // stopped short of the chunk end: the rest waits for more bytes
          break;
        }
      }
    }
    this.carry = held < n ? Buffer.from(buf.subarray(held)) : undefined;
    return this.out.subarray(0, this.o);
  }

  /**
   * Skips text content from `i`: returns where it stopped (having emitted its line breaks,
   * and switched mode at `</system-out>` or `<![CDATA[`), or -1 when the parser must judge.
   */
  private skipText(buf: Buffer, i: number, final: boolean): number {
    const n = buf.length;
    const stop = final ? n : n - HOLD;
    let lt = buf.indexOf(LT, i);
    if (lt === -1) lt = n;
    let end = lt;
    if (lt >= stop && !final) {
      // Cut before the chunk end, but not inside a reference or between `\r` and `\n`.
      end = Math.max(i, stop);
      // (A negative offset would make lastIndexOf count from the end of the buffer.)
      const amp = end > i ? buf.lastIndexOf(AMP, end - 1) : -1;
      if (amp >= i && amp > end - HOLD) end = amp;
    }
    if (this.next(buf, C_END, i) < end) return -1; // `]]>` in text
    for (let at = this.next(buf, C_AMP, i); at < end; at = this.next(buf, C_AMP, at + 1)) {
      if (referenceLength(buf, at + 1) === 0) return -1;
    }
    if (end !== lt || lt === n) {
      this.lineBreaks(buf, i, end);
      return end;
    }
    if (matches(buf, lt, this.close)) {
      this.lineBreaks(buf, i, lt);
      this.emit(buf, lt, lt + this.close.length);
      this.mode = NORMAL;
      return lt + this.close.length;
    }
    if (matches(buf, lt, CDATA_OPEN)) {
      this.lineBreaks(buf, i, lt);
      this.mode = SKIP_CDATA;
      return lt + CDATA_OPEN.length;
    }
    return -1; // a child element or a comment: not ours to judge
  }

  /** Skips the rest of a CDATA section inside skipped output. */
  private skipCdata(buf: Buffer, i: number, final: boolean): number {
    const n = buf.length;
    const at = this.next(buf, C_END, i);
    if (at >= n) {
      const end = final ? n : Math.max(i, n - 2);
      this.lineBreaks(buf, i, end);
      return end;
    }
    this.lineBreaks(buf, i, at);
    this.mode = SKIP;
    return at + 3;
  }
}
