import { ByteCursors, LF } from "./byte-cursors.js";
import { JunitParseError } from "./junit-parse-error.js";
import { NameTable } from "./name-table.js";
import type { TextCapture } from "./text-capture.js";
import { NAME, badNameChar } from "./xml-chars.js";
import * as M from "./xml-messages.js";

/** How the scanner treats an element's text (see `XmlHandler.openTag`). */
export const IGNORE_TEXT = 0;
/** Checked and appended to the handler's `capture`. */
export const CAPTURE_TEXT = 1;
/** Discarded, and control characters tolerated: captured program output. */
export const LENIENT_TEXT = 2;

/** What the scanner tells as it reads. It may throw (a `JunitParseError`) to stop. */
export interface XmlHandler {
  /** A start tag's name was read. Returns whether `openTag` needs the attributes. */
  startTag(name: string): boolean;
  /**
   * The start tag ended. `attributes` holds names and values alternating, `count` entries
   * (none unless `startTag` asked). Returns how to treat the element's text.
   */
  openTag(attributes: readonly string[], count: number): number;
  /** Where text goes for `CAPTURE_TEXT`; read right after `openTag`. */
  readonly capture: TextCapture | undefined;
  /** The element ended (right after `openTag` for `<empty/>`). */
  closeTag(): void;
}

export interface XmlScannerOptions {
  readonly file: string;
  readonly maxDepth: number;
  /** Longest element, attribute or processing-instruction name, in characters. */
  readonly maxNameLength: number;
  /** Attribute values handed to `openTag` are cut at this many characters. */
  readonly maxValueLength: number;
  /** Names the handler compares with: they come back as these very strings. */
  readonly knownNames: readonly string[];
}

// The scanner's states: where in the markup the last chunk ended.
export const TEXT = 0;
export const OPEN_NAME = 1;
export const TAG = 2;
export const ATTR_NAME = 3;
export const ATTR_EQ = 4;
export const ATTR_QUOTE = 5;
export const ATTR_VALUE = 6;
export const CLOSE_NAME = 7;
export const CLOSE_END = 8;
export const COMMENT = 9;
export const CDATA = 10;
export const PI_TARGET = 11;
export const PI_BODY = 12;
export const XML_DECL = 13;

/** A run of plain bytes shorter than this is scanned byte by byte; a longer one is skipped with native searches. */
export const SHORT_RUN = 64;
export const EMPTY = Buffer.alloc(0);

/** Code points in UTF-8 bytes `buf[start, end)`: bytes that do not continue a sequence. */
function codePoints(buf: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let k = start; k < end; k++) if ((buf[k]! & 0xc0) !== 0x80) count++;
  return count;
}

/**
 * What every part of the XML scanner shares: the chunk being read, the position in the
 * input (lines and columns for errors), the native searches, names, and failing.
 */
export abstract class XmlScannerBase {
  protected state = TEXT;
  protected buf: Buffer = EMPTY;
  /** Offset in the input of `buf[0]`. */
  protected base = 0;
  protected held = 0;
  protected line = 1;
  /** Offset in the input where the current line starts. */
  protected lineStart = 0;
  /** Characters of the current line before `base`. */
  protected columnCarry = 0;
  private countedAt = -1;
  private countedColumn = 0;
  protected readonly cursors = new ByteCursors();
  protected depth = 0;
  protected mode = IGNORE_TEXT;
  protected capture: TextCapture | undefined;
  // Where the markup being read started.
  protected markAt = 0;
  protected markLine = 1;
  protected markColumn = 1;
  private readonly nameBytes: Uint8Array;
  private nameLength = 0;
  private nameHigh = 0;
  private readonly table: NameTable;

  constructor(protected readonly options: XmlScannerOptions) {
    this.nameBytes = new Uint8Array(options.maxNameLength * 4 + 4);
    this.table = new NameTable(options.knownNames);
  }

  /** Starts on a chunk. */
  protected begin(buf: Buffer): void {
    this.buf = buf;
    this.cursors.reset(buf);
  }

  /** Done with the chunk up to `consumed`: the rest is carried into the next one. */
  protected finishChunk(consumed: number): void {
    const buf = this.buf;
    const lineStart = this.lineStart - this.base;
    this.columnCarry =
      lineStart >= 0 ? codePoints(buf, lineStart, consumed) : this.columnCarry + codePoints(buf, 0, consumed);
    this.base += consumed;
    this.buf = EMPTY;
  }

  /** Stops this chunk at `i`: what follows is needed whole and waits for the next bytes. */
  protected hold(i: number): number {
    this.held = i;
    return -1;
  }

  protected newLine(next: number): void {
    this.line++;
    this.lineStart = this.base + next;
  }

  /** Counts the line feeds in `buf[from, to)` (a run skipped without looking at each byte). */
  protected countLines(from: number, to: number): void {
    for (let at = this.cursors.next(LF, from); at < to; at = this.cursors.next(LF, at + 1))
      this.newLine(at + 1);
  }

  /**
   * Skips natively from `i` to just before the next byte in `mask` (or a rare byte, when
   * `rare`), counting lines; stops `keep` bytes short of the chunk's end, for sequences
   * that may straddle it. Returns where the byte loop takes over.
   */
  private skipRun(i: number, n: number, mask: number, rare: boolean, keep: number): number {
    const end = this.cursors.first(mask, i, rare);
    const to = end > n - keep ? Math.max(i, n - keep) : end;
    this.countLines(i, to);
    return to;
  }

  /**
   * Runs from `i` over plain bytes and line feeds (class 0 and 1 of `classes`) to the first
   * other byte, and returns its index (or `n`): byte by byte, then past a short run with
   * native searches for the bytes in `mask` (none when 0) and rare bytes when `rare`.
   */
  protected toStop(
    buf: Buffer,
    i: number,
    n: number,
    classes: Uint8Array,
    mask: number,
    rare: boolean,
  ): number {
    for (;;) {
      const stop = i + SHORT_RUN < n && mask !== 0 ? i + SHORT_RUN : n;
      for (; i < stop; i++) {
        const k = classes[buf[i]!];
        if (k === 0) continue;
        if (k !== 1) return i;
        this.newLine(i + 1);
      }
      if (stop >= n) return n;
      // Short of the end: a closing sequence (`]]>`, `--`, `?>`) may straddle it.
      i = this.skipRun(i, n, mask, rare, 2);
    }
  }

  /** The 1-based column of `buf[i]`, counted on from the last one asked for on the line (one count per line). */
  protected columnAt(i: number): number {
    if (this.countedAt < this.lineStart || this.countedAt < this.base) {
      const fromLineStart = this.lineStart >= this.base;
      this.countedAt = fromLineStart ? this.lineStart : this.base;
      this.countedColumn = fromLineStart ? 0 : this.columnCarry;
    }
    this.countedColumn += codePoints(this.buf, this.countedAt - this.base, i);
    this.countedAt = this.base + i;
    return this.countedColumn + 1;
  }

  /** Remembers where the markup at `buf[i]` starts. */
  protected mark(i: number): void {
    this.markAt = this.base + i;
    this.markLine = this.line;
    this.markColumn = this.columnAt(i);
  }

  protected fail(reason: string, at: number): never {
    throw new JunitParseError(this.options.file, this.line, this.columnAt(at), reason);
  }

  protected failAt(reason: string, line: number, column: number): never {
    throw new JunitParseError(this.options.file, line, column, reason);
  }

  protected failAtMark(reason: string): never {
    this.failAt(reason, this.markLine, this.markColumn);
  }

  /** Handles a carriage return, 0xEF or a control character a loop stopped at: returns where to go on, or -1 to hold. */
  protected special(buf: Buffer, i: number, n: number, final: boolean, where: string): number {
    const c = buf[i]!;
    if (c === 0x0d) {
      if (i + 1 >= n && !final) return this.hold(i);
      if (buf[i + 1] === 0x0a) i++;
      this.newLine(i + 1);
      return i + 1;
    }
    if (c === 0xef) {
      if (i + 2 >= n && !final) return this.hold(i);
      if (buf[i + 1] === 0xbf && (buf[i + 2] === 0xbe || buf[i + 2] === 0xbf)) {
        this.fail(M.disallowed(buf[i + 2] === 0xbe ? 0xfffe : 0xffff, where), i);
      }
      return i + 1;
    }
    this.fail(M.disallowed(c, where), i);
  }

  /**
   * The end of the name starting at `i` (a name byte), or -1 when the chunk ends first (the
   * bytes so far are kept). The name's parts from earlier chunks are in `nameBytes`.
   */
  protected scanName(buf: Buffer, i: number, n: number, final: boolean, what: string): number {
    const names = NAME;
    let k = i;
    let high = 0;
    for (; k < n; k++) {
      const b = buf[k]!;
      if (names[b] !== 1) break;
      high |= b;
    }
    this.nameHigh |= high;
    if (k < n || final) return k;
    this.saveName(buf, i, n, what);
    return -1;
  }

  private saveName(buf: Buffer, start: number, end: number, what: string): void {
    if (this.nameLength + (end - start) > this.nameBytes.length) {
      this.failAtMark(M.nameTooLong(what, this.options.maxNameLength));
    }
    this.nameBytes.set(buf.subarray(start, end), this.nameLength);
    this.nameLength += end - start;
  }

  /** Whether the name just scanned, `buf[start, end)`, is `name` (without making a string of it). */
  protected scannedNameIs(buf: Buffer, start: number, end: number, name: string): boolean {
    if (this.nameLength > 0 || this.nameHigh >= 0x80 || end - start !== name.length) return false;
    for (let k = 0; k < name.length; k++) if (buf[start + k] !== name.charCodeAt(k)) return false;
    this.nameHigh = 0;
    return true;
  }

  /** The name scanned, from `buf[start, end)` after any parts kept from earlier chunks. */
  protected takeName(buf: Buffer, start: number, end: number, what: string): string {
    let bytes: Uint8Array = buf;
    if (this.nameLength > 0) {
      this.saveName(buf, start, end, what);
      bytes = this.nameBytes;
      start = 0;
      end = this.nameLength;
      this.nameLength = 0;
    }
    const high = this.nameHigh;
    this.nameHigh = 0;
    const max = this.options.maxNameLength;
    if (high < 0x80) {
      if (end - start > max) this.failAtMark(M.nameTooLong(what, max));
      return this.table.ascii(bytes, start, end);
    }
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("utf8");
    if (name.length > max) this.failAtMark(M.nameTooLong(what, max));
    const bad = badNameChar(name);
    if (bad >= 0) this.failAtMark(M.badNameChar(bad, what, name));
    return name;
  }
}
