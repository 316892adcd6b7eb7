import { AMP_AT, CR_AT, DQUOTE_AT, LF_AT, LT_AT, SQUOTE_AT, TAB_AT } from "./byte-cursors.js";
import { TextCapture } from "./text-capture.js";
import * as C from "./xml-chars.js";
import { MarkupScanner } from "./xml-markup-scanner.js";
import * as M from "./xml-messages.js";
import { INCOMPLETE, readReference } from "./xml-reference.js";
import {
  ATTR_EQ,
  ATTR_NAME,
  ATTR_QUOTE,
  ATTR_VALUE,
  CAPTURE_TEXT,
  CLOSE_END,
  IGNORE_TEXT,
  SHORT_RUN,
  TAG,
  TEXT,
  type XmlHandler,
  type XmlScannerOptions,
} from "./xml-scanner-base.js";

/** Where a run inside an attribute value may stop, by quote. */
const VALUE_STOPS_DQ = DQUOTE_AT | LT_AT | AMP_AT | TAB_AT | LF_AT | CR_AT;
const VALUE_STOPS_SQ = SQUOTE_AT | LT_AT | AMP_AT | TAB_AT | LF_AT | CR_AT;

/**
 * Elements: start tags with their attributes, close tags, and the stack of open elements
 * (nesting, the one root, what each element's text is to the handler).
 */
export abstract class TagScanner extends MarkupScanner {
  protected readonly names: string[] = [];
  private readonly modes: number[] = [];
  private readonly captures: (TextCapture | undefined)[] = [];
  protected readonly openLines: number[] = [];
  protected readonly openColumns: number[] = [];
  protected rootSeen = false;
  protected rootClosed = false;
  protected tagName = "";
  private collecting = false;
  private readonly attributes: string[] = [];
  private attributeCount = 0;
  private readonly attributeNames: string[] = [];
  private attributeNameCount = 0;
  protected attributeName = "";
  private quote = 0;
  private needSpace = false;
  private valueSpilled = false;
  private readonly value: TextCapture;

  constructor(
    protected readonly handler: XmlHandler,
    options: XmlScannerOptions,
  ) {
    super(options);
    this.value = new TextCapture(options.maxValueLength);
  }

  /** The element name after `<`, starting at `i`. */
  protected openName(buf: Buffer, i: number, n: number, final: boolean): number {
    const end = this.scanName(buf, i, n, final, "element");
    if (end < 0) return n;
    const name = this.takeName(buf, i, end, "element");
    this.tagName = name;
    if (this.depth === 0) {
      if (this.rootClosed) this.failAtMark(M.secondRoot(name));
      this.rootSeen = true;
    }
    if (this.depth >= this.options.maxDepth) this.failAtMark(M.tooDeep(this.options.maxDepth));
    this.collecting = this.handler.startTag(name);
    this.attributeCount = 0;
    this.attributeNameCount = 0;
    this.needSpace = false;
    this.state = TAG;
    return this.tag(buf, end, n, final);
  }

  /** Skips white space; returns where it stopped, or -1 to hold. */
  private spaces(buf: Buffer, i: number, n: number, final: boolean): number {
    for (; i < n; i++) {
      const c = buf[i]!;
      if (c === 0x20 || c === 0x09) continue;
      if (c === 0x0a) this.newLine(i + 1);
      else if (c === 0x0d) {
        if (i + 1 >= n && !final) return this.hold(i);
        if (buf[i + 1] === 0x0a) i++;
        this.newLine(i + 1);
      } else break;
    }
    return i;
  }

  /** Inside a start tag, between attributes. */
  protected tag(buf: Buffer, i: number, n: number, final: boolean): number {
    const start = i;
    i = this.spaces(buf, i, n, final);
    if (i > start || i < 0) this.needSpace = false;
    if (i < 0 || i >= n) return i;
    const c = buf[i]!;
    if (c === 0x3e) {
      this.openElement(false);
      this.state = TEXT;
      return i + 1;
    }
    if (c === 0x2f) {
      if (i + 1 >= n && !final) return this.hold(i);
      if (buf[i + 1] !== 0x3e) this.fail(M.slashInTag(this.tagName), i);
      this.openElement(true);
      this.state = TEXT;
      return i + 2;
    }
    if (!C.isNameStartByte(c)) this.fail(M.unexpectedInTag(c, this.tagName), i);
    if (this.needSpace) this.fail(M.noSpaceBetweenAttributes(this.tagName), i);
    this.state = ATTR_NAME;
    return this.attrName(buf, i, n, final);
  }

  private openElement(empty: boolean): void {
    const mode = this.handler.openTag(this.attributes, this.attributeCount);
    if (empty) {
      this.handler.closeTag();
      if (this.depth === 0) this.rootClosed = true;
      return;
    }
    const depth = this.depth++;
    this.names[depth] = this.tagName;
    this.modes[depth] = mode;
    this.openLines[depth] = this.markLine;
    this.openColumns[depth] = this.markColumn;
    this.mode = mode;
    this.capture = this.captures[depth] = mode === CAPTURE_TEXT ? this.handler.capture : undefined;
  }

  private closeElement(): void {
    const depth = --this.depth;
    this.captures[depth] = undefined;
    this.handler.closeTag();
    if (depth === 0) {
      this.rootClosed = true;
      this.mode = IGNORE_TEXT;
      this.capture = undefined;
    } else {
      this.mode = this.modes[depth - 1]!;
      this.capture = this.captures[depth - 1];
    }
  }

  protected attrName(buf: Buffer, i: number, n: number, final: boolean): number {
    const end = this.scanName(buf, i, n, final, "attribute");
    if (end < 0) return n;
    const name = this.takeName(buf, i, end, "attribute");
    for (let k = 0; k < this.attributeNameCount; k++) {
      if (this.attributeNames[k] === name) {
        // At the name's first character, which may lie in an earlier chunk.
        this.failAt(M.duplicateAttribute(name, this.tagName), this.line, this.columnAt(end) - name.length);
      }
    }
    this.attributeNames[this.attributeNameCount++] = name;
    this.attributeName = name;
    this.state = ATTR_EQ;
    return this.attrEq(buf, end, n, final);
  }

  protected attrEq(buf: Buffer, i: number, n: number, final: boolean): number {
    i = this.spaces(buf, i, n, final);
    if (i < 0 || i >= n) return i;
    if (buf[i] !== 0x3d) this.fail(M.attributeWithoutValue(this.attributeName, this.tagName), i);
    this.state = ATTR_QUOTE;
    return this.attrQuote(buf, i + 1, n, final);
  }

  protected attrQuote(buf: Buffer, i: number, n: number, final: boolean): number {
    i = this.spaces(buf, i, n, final);
    if (i < 0 || i >= n) return i;
    const quote = buf[i]!;
    if (quote !== 0x22 && quote !== 0x27) this.fail(M.unquotedValue(this.attributeName, this.tagName), i);
    this.quote = quote;
    this.valueSpilled = false;
    this.state = ATTR_VALUE;
    return this.attrValue(buf, i + 1, n, final);
  }

  protected attrValue(buf: Buffer, i: number, n: number, final: boolean): number {
    const dq = this.quote === 0x22;
    const classes = dq ? C.VALUE_DQ : C.VALUE_SQ;
    const collect = this.collecting;
    let from = i;
    for (;;) {
      const stop = i + SHORT_RUN < n ? i + SHORT_RUN : n;
      i = skipPlain(buf, i, stop, classes);
      if (i === stop && stop < n) {
        i = this.cursors.first(dq ? VALUE_STOPS_DQ : VALUE_STOPS_SQ, i, true);
        continue;
      }
      if (i >= n) {
        if (collect) this.spill(buf, from, n);
        return n;
      }
      const c = buf[i]!;
      if (c === this.quote) {
        if (collect) this.addValue(buf, from, i);
        this.needSpace = true;
        this.state = TAG;
        return i + 1;
      }
      if (collect) this.spill(buf, from, i);
      from = i;
      if (c === 0x3c) this.fail(M.ltInValue(this.attributeName), i);
      if (c === 0x26) {
        const ref = readReference(buf, i, n);
        if (ref === INCOMPLETE && !final) return this.hold(i);
        if (ref < 0) this.fail(M.badReference(buf, i, n, ref), i);
        const code = ref >> 6;
        if (!C.isXmlChar(code)) this.fail(M.referenceToBadChar(code), i);
        if (collect) this.value.appendCodePoint(code);
        from = i += ref & 63;
      } else if (c === 0x09 || c === 0x0a || c === 0x0d) {
        // Attribute-value normalisation: each line end and tab becomes one space.
        if (c === 0x0d && i + 1 >= n && !final) return this.hold(i);
        if (collect) this.value.appendByte(0x20);
        if (c === 0x0d && buf[i + 1] === 0x0a) i++;
        if (c !== 0x09) this.newLine(i + 1);
        from = ++i;
      } else {
        i = this.special(buf, i, n, final, `in the value of attribute ${this.attributeName}`);
        if (i < 0) return i;
      }
    }
  }

  /** Keeps part of a value that does not come out of the input as one piece. */
  private spill(buf: Buffer, from: number, to: number): void {
    if (!this.valueSpilled) {
      this.value.reset();
      this.valueSpilled = true;
    }
    this.value.append(buf, from, to);
  }

  private addValue(buf: Buffer, from: number, to: number): void {
    let value: string;
    if (this.valueSpilled) {
      this.value.append(buf, from, to);
      value = this.value.read()[0];
    } else {
      const max = this.options.maxValueLength;
      value = buf.toString("utf8", from, Math.min(to, from + max * 3 + 3));
      if (value.length > max) value = value.slice(0, max);
    }
    this.attributes[this.attributeCount++] = this.attributeName;
    this.attributes[this.attributeCount++] = value;
  }

  /** The element name after `</`, starting at `i`. */
  protected closeName(buf: Buffer, i: number, n: number, final: boolean): number {
    const end = this.scanName(buf, i, n, final, "element");
    if (end < 0) return n;
    const open = this.depth > 0 ? this.names[this.depth - 1]! : undefined;
    if (open === undefined || !this.scannedNameIs(buf, i, end, open)) {
      const name = this.takeName(buf, i, end, "element");
      if (open === undefined) this.failAtMark(M.closeWithoutOpen(name));
      if (name !== open) this.failAtMark(M.mismatchedClose(name, open, this.openLines[this.depth - 1]!));
    }
    this.state = CLOSE_END;
    return this.closeEnd(buf, end, n, final);
  }

  protected closeEnd(buf: Buffer, i: number, n: number, final: boolean): number {
    i = this.spaces(buf, i, n, final);
    if (i < 0 || i >= n) return i;
    if (buf[i] !== 0x3e) this.fail(M.unexpectedInCloseTag(buf[i]!, this.names[this.depth - 1]!), i);
    this.closeElement();
    this.state = TEXT;
    return i + 1;
  }
}

/** Where the run of bytes of class 0 from `i` ends (before `n`). */
export function skipPlain(buf: Uint8Array, i: number, n: number, classes: Uint8Array): number {
  while (i < n && classes[buf[i]!] === 0) i++;
  return i;
}
