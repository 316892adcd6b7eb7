/** What the cursors find: single bytes, then the sequences that end comments, CDATA and PIs. */
const NEEDLES: readonly (number | Buffer)[] = [
  0x3c, // <
  0x26, // &
  0x0d, // CR
  0x0a, // LF
  0x22, // "
  0x27, // '
  0x09, // TAB
  Buffer.from("]]>"),
  Buffer.from("--"),
  Buffer.from("?>"),
];
export const LT_AT = 1 << 0;
export const AMP_AT = 1 << 1;
export const CR_AT = 1 << 2;
export const LF = 3;
export const DQUOTE_AT = 1 << 4;
export const SQUOTE_AT = 1 << 5;
export const TAB_AT = 1 << 6;
export const LF_AT = 1 << LF;
export const CDATA_END_AT = 1 << 7;
export const COMMENT_END_AT = 1 << 8;
export const PI_END_AT = 1 << 9;

/** Bytes XML never allows: the control characters but tab, LF and CR; and 0xEF, which may start U+FFFE or U+FFFF. */
const RARE: readonly number[] = [
  ...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d),
  0xef,
];

/**
 * The next position of each byte (or sequence) the scanner looks for in a chunk, found
 * with the native `indexOf` and remembered: positions only move forward within a chunk, so
 * each occurrence is searched for once. This is what lets the scanner skip a long run of
 * text or a long attribute value at memory speed instead of byte by byte.
 */
export class ByteCursors {
  private buf: Buffer = Buffer.alloc(0);
  private n = 0;
  private readonly at = new Float64Array(NEEDLES.length + RARE.length);
  private rareMin = -1;

  /** Starts on a new chunk. */
  reset(buf: Buffer): void {
    this.buf = buf;
    this.n = buf.length;
    this.at.fill(-1);
    this.rareMin = -1;
  }

  /** The first position at or after `from` of target `index`, or the chunk's length. */
  next(index: number, from: number): number {
    let at = this.at[index]!;
    if (at < from) {
      const needle = index < NEEDLES.length ? NEEDLES[index]! : RARE[index - NEEDLES.length]!;
      at = this.buf.indexOf(needle, from);
      if (at < 0) at = this.n;
      this.at[index] = at;
    }
    return at;
  }

  /** The first position at or after `from` of any target in `mask`, and of a rare byte when `rare`. */
  first(mask: number, from: number, rare: boolean): number {
    let min = this.n;
    for (let index = 0; mask !== 0; index++, mask >>>= 1) {
      if ((mask & 1) !== 0) min = Math.min(min, this.next(index, from));
    }
    return rare ? Math.min(min, this.nextRare(from)) : min;
  }

  private nextRare(from: number): number {
    if (this.rareMin >= from) return this.rareMin;
    let min = this.n;
    for (let k = 0; k < RARE.length; k++) min = Math.min(min, this.next(NEEDLES.length + k, from));
    return (this.rareMin = min);
  }
}
