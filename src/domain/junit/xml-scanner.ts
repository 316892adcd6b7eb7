import { AMP_AT, CDATA_END_AT, CR_AT, LT_AT } from "./byte-cursors.js";
import { JunitParseError } from "./junit-parse-error.js";
import * as C from "./xml-chars.js";
import * as M from "./xml-messages.js";
import { INCOMPLETE, readReference } from "./xml-reference.js";
import {
  ATTR_EQ,
  ATTR_NAME,
  ATTR_QUOTE,
  ATTR_VALUE,
  CDATA,
  CLOSE_END,
  CLOSE_NAME,
  COMMENT,
  EMPTY,
  LENIENT_TEXT,
  OPEN_NAME,
  PI_BODY,
  PI_TARGET,
  TAG,
  TEXT,
} from "./xml-scanner-base.js";
import { TagScanner } from "./xml-tag-scanner.js";

export {
  CAPTURE_TEXT,
  IGNORE_TEXT,
  LENIENT_TEXT,
  type XmlHandler,
  type XmlScannerOptions,
} from "./xml-scanner-base.js";

const TEXT_STOPS = LT_AT | AMP_AT | CR_AT | CDATA_END_AT;

/**
 * A strict, streaming XML 1.0 scanner over UTF-8 bytes, written for JUnit reports: it
 * checks well-formedness (names, attributes, references, characters, nesting, one root,
 * comments, CDATA, processing instructions, the XML declaration), refuses any DOCTYPE,
 * and hands the handler only what it asks for. It never holds more than a few bytes of
 * input between chunks, and never more of one node than a limit (names error, values and
 * captured text are cut), so memory does not grow with what a node holds. Long runs of
 * text and long values are skipped with native searches (see `ByteCursors`).
 *
 * Positions in errors are 1-based lines and columns counted in characters; a line ends at
 * LF, CRLF or a lone CR, as XML normalises them.
 */
export class XmlScanner extends TagScanner {
  private carry: Buffer | undefined;
  private scratch = EMPTY;
  private sawMarkup = false;

  /** Scans the next UTF-8 bytes. Throws `JunitParseError` at the first problem. */
  push(chunk: Uint8Array): void {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry !== undefined) {
      const size = this.carry.length + buf.length;
      if (this.scratch.length < size) this.scratch = Buffer.allocUnsafe(size + (size >> 2));
      this.carry.copy(this.scratch);
      buf.copy(this.scratch, this.carry.length);
      buf = this.scratch.subarray(0, size);
    }
    this.run(buf, false);
  }

  /** The input ended: checks that the document did too. */
  end(): void {
    this.run(this.carry ?? EMPTY, true);
    this.finish();
  }

  /** Throws a `JunitParseError` at the tag being read (from a handler's `startTag` or `openTag`). */
  failAtTag(reason: string): never {
    this.failAtMark(reason);
  }

  /** Throws a `JunitParseError` at where the scanner stands (between chunks). */
  failHere(reason: string): never {
    throw new JunitParseError(this.options.file, this.line, this.columnCarry + 1, reason);
  }

  private run(buf: Buffer, final: boolean): void {
    this.begin(buf);
    const n = buf.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case TEXT:
          i = this.text(buf, i, n, final);
          break;
        case TAG:
          i = this.tag(buf, i, n, final);
          break;
        case ATTR_VALUE:
          i = this.attrValue(buf, i, n, final);
          break;
        case OPEN_NAME:
          i = this.openName(buf, i, n, final);
          break;
        case ATTR_NAME:
          i = this.attrName(buf, i, n, final);
          break;
        case ATTR_EQ:
          i = this.attrEq(buf, i, n, final);
          break;
        case ATTR_QUOTE:
          i = this.attrQuote(buf, i, n, final);
          break;
        case CLOSE_NAME:
          i = this.closeName(buf, i, n, final);
          break;
        case CLOSE_END:
          i = this.closeEnd(buf, i, n, final);
          break;
        case COMMENT:
          i = this.comment(buf, i, n, final);
          break;
        case CDATA:
          i = this.cdata(buf, i, n, final);
          break;
        case PI_TARGET:
          i = this.piTarget(buf, i, n, final);
          break;
        case PI_BODY:
          i = this.piBody(buf, i, n, final);
          break;
        default:
          i = this.xmlDeclaration(buf, i, n, final);
      }
      if (i < 0) break;
    }
    const consumed = i < 0 ? this.held : n;
    this.carry = consumed < n ? Buffer.from(buf.subarray(consumed)) : undefined;
    this.finishChunk(consumed);
  }

  /** Character data, up to the next markup. */
  private text(buf: Buffer, i: number, n: number, final: boolean): number {
    const prolog = this.depth === 0;
    const lenient = this.mode === LENIENT_TEXT;
    const classes = prolog ? C.PROLOG : lenient ? C.LENIENT_TEXT : C.TEXT;
    const capture = this.capture;
    let from = i;
    for (;;) {
      i = this.toStop(buf, i, n, classes, prolog ? 0 : TEXT_STOPS, !lenient);
      if (i >= n) {
        capture?.append(buf, from, n);
        return n;
      }
      const c = buf[i]!;
      capture?.append(buf, from, i);
      if (c === 0x3c) return this.markup(buf, i, n, final);
      from = i;
      if (c === 0x0d) {
        if (i + 1 >= n && !final) return this.hold(i);
        capture?.appendByte(0x0a);
        if (buf[i + 1] === 0x0a) i++;
        this.newLine(++i);
        from = i;
        continue;
      }
      if (prolog) return this.strayText(buf, i, n, final);
      if (c === 0x26) {
        const ref = readReference(buf, i, n);
        if (ref === INCOMPLETE && !final) return this.hold(i);
        if (ref < 0) this.fail(M.badReference(buf, i, n, ref), i);
        const code = ref >> 6;
        if (!C.isXmlChar(code) && !lenient) this.fail(M.referenceToBadChar(code), i);
        capture?.appendCodePoint(code);
        from = i += ref & 63;
      } else if (c === 0x5d) {
        if (i + 2 >= n && !final) return this.hold(i);
        if (buf[i + 1] === 0x5d && buf[i + 2] === 0x3e) this.fail(M.CDATA_END_IN_TEXT, i);
        i++;
      } else {
        i = this.special(buf, i, n, final, "in text");
        if (i < 0) return i;
      }
    }
  }

  /** Text outside the root element: program output mixed into the report, binary data, a second document. */
  private strayText(buf: Buffer, i: number, n: number, final: boolean): number {
    const c = buf[i]!;
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) this.fail(M.disallowed(c, "before the root element"), i);
    let end = i;
    while (end < n && end - i < 40 && buf[end] !== 0x0a && buf[end] !== 0x0d && buf[end] !== 0x3c) end++;
    if (end === n && !final) return this.hold(i); // the same snippet whatever the chunking
    const snippet = buf.toString("utf8", i, end).trim();
    this.fail(this.rootClosed ? M.textAfterRoot(snippet) : M.textBeforeRoot(snippet), i);
    return -1;
  }

  /** At a `<`. */
  private markup(buf: Buffer, i: number, n: number, final: boolean): number {
    if (i + 1 >= n) {
      if (!final) return this.hold(i);
      this.fail(M.ENDS_WITH_LT, i);
    }
    this.sawMarkup = true;
    this.mark(i);
    const c = buf[i + 1]!;
    if (C.isNameStartByte(c)) {
      this.state = OPEN_NAME;
      return this.openName(buf, i + 1, n, final);
    }
    if (c === 0x2f || c === 0x3f) {
      if (i + 2 >= n && !final) return this.hold(i);
      if (!C.isNameStartByte(buf[i + 2] ?? 0)) {
        this.fail(c === 0x2f ? M.CLOSE_WITHOUT_NAME : M.PI_WITHOUT_TARGET, i);
      }
      if (c === 0x3f) {
        this.state = PI_TARGET;
        return this.piTarget(buf, i + 2, n, final);
      }
      this.state = CLOSE_NAME;
      return this.closeName(buf, i + 2, n, final);
    }
    if (c === 0x21) return this.bang(buf, i, n, final);
    this.fail(M.notATag(c), i);
  }

  private finish(): void {
    const state = this.state;
    if (state >= OPEN_NAME && state <= ATTR_QUOTE) this.failAtMark(M.endsInTag(this.tagName));
    if (state === ATTR_VALUE) this.failAtMark(M.endsInValue(this.attributeName, this.tagName));
    if (state === CLOSE_NAME || state === CLOSE_END) {
      this.failAtMark(M.endsInCloseTag(this.names[this.depth - 1]));
    }
    if (state === COMMENT) this.failAtMark(M.ENDS_IN_COMMENT);
    if (state === CDATA) this.failAtMark(M.ENDS_IN_CDATA);
    if (state >= PI_TARGET) this.failAtMark(M.endsInPi(this.piName));
    const top = this.depth - 1;
    if (top >= 0) this.failAt(M.unclosed(this.names[top]!), this.openLines[top]!, this.openColumns[top]!);
    if (!this.rootSeen) {
      if (!this.sawMarkup) this.failAt(M.EMPTY_FILE, 1, 1);
      this.failAt(M.NO_ROOT, this.line, this.columnCarry + 1);
    }
  }
}
