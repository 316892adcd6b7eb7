import { CDATA_END_AT, COMMENT_END_AT, CR_AT, PI_END_AT } from "./byte-cursors.js";
import { checkXmlDeclaration } from "./check-xml-declaration.js";
import * as C from "./xml-chars.js";
import * as M from "./xml-messages.js";
import { CDATA, COMMENT, LENIENT_TEXT, PI_BODY, TEXT, XML_DECL, XmlScannerBase } from "./xml-scanner-base.js";

const COMMENT_OPEN = Buffer.from("<!--");
const CDATA_OPEN = Buffer.from("<![CDATA[");
const DOCTYPE_OPEN = Buffer.from("<!DOCTYPE");

function startsWith(buf: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > buf.length) return false;
  for (let k = 0; k < prefix.length; k++) if (buf[at + k] !== prefix[k]) return false;
  return true;
}

/**
 * The markup that is not elements: comments, CDATA sections, processing instructions and
 * the XML declaration, and the refusal of DOCTYPE. Each runs to its closing sequence, byte
 * by byte for short runs and with native searches for long ones, checking every character.
 */
export abstract class MarkupScanner extends XmlScannerBase {
  private target = "";
  private declaration = "";

  /** At `<!` (at `i`): a comment, a CDATA section, or an error. */
  protected bang(buf: Buffer, i: number, n: number, final: boolean): number {
    if (n - i < CDATA_OPEN.length && !final) return this.hold(i);
    if (startsWith(buf, i, COMMENT_OPEN)) {
      this.state = COMMENT;
      return this.comment(buf, i + COMMENT_OPEN.length, n, final);
    }
    if (startsWith(buf, i, CDATA_OPEN)) {
      if (this.depth === 0) this.fail(M.CDATA_OUTSIDE_ROOT, i);
      this.state = CDATA;
      return this.cdata(buf, i + CDATA_OPEN.length, n, final);
    }
    this.fail(startsWith(buf, i, DOCTYPE_OPEN) ? M.DOCTYPE_REFUSED : M.BAD_BANG, i);
  }

  protected comment(buf: Buffer, i: number, n: number, final: boolean): number {
    for (;;) {
      i = this.toStop(buf, i, n, C.COMMENT, COMMENT_END_AT | CR_AT, true);
      if (i >= n) return n;
      if (buf[i] === 0x2d) {
        if (i + 2 >= n && !final) return this.hold(i);
        if (buf[i + 1] === 0x2d) {
          if (buf[i + 2] !== 0x3e) this.fail(M.DOUBLE_DASH_IN_COMMENT, i);
          this.state = TEXT;
          return i + 3;
        }
        i++;
      } else {
        i = this.special(buf, i, n, final, "in a comment");
        if (i < 0) return i;
      }
    }
  }

  protected cdata(buf: Buffer, i: number, n: number, final: boolean): number {
    const lenient = this.mode === LENIENT_TEXT;
    const classes = lenient ? C.LENIENT_CDATA : C.CDATA;
    const capture = this.capture;
    let from = i;
    for (;;) {
      i = this.toStop(buf, i, n, classes, CDATA_END_AT | CR_AT, !lenient);
      capture?.append(buf, from, i);
      from = i;
      if (i >= n) return n;
      const c = buf[i]!;
      if (c === 0x5d) {
        if (i + 2 >= n && !final) return this.hold(i);
        if (buf[i + 1] === 0x5d && buf[i + 2] === 0x3e) {
          this.state = TEXT;
          return i + 3;
        }
        i++;
        continue;
      }
      if (c === 0x0d) {
        if (i + 1 >= n && !final) return this.hold(i);
        capture?.appendByte(0x0a);
      }
      from = i = this.special(buf, i, n, final, "in a CDATA section");
      if (i < 0) return i;
    }
  }

  /** The name after `<?`, starting at `i`. */
  protected piTarget(buf: Buffer, i: number, n: number, final: boolean): number {
    const end = this.scanName(buf, i, n, final, "processing instruction");
    if (end < 0) return n;
    const target = (this.target = this.takeName(buf, i, end, "processing instruction"));
    if (target.toLowerCase() === "xml") {
      if (target !== "xml") this.failAtMark(M.reservedTarget(target));
      if (this.markAt !== 0) this.failAtMark(M.LATE_DECLARATION);
      this.declaration = "";
      this.state = XML_DECL;
      return this.xmlDeclaration(buf, end, n, final);
    }
    if (end < n && !C.isSpace(buf[end]!) && buf[end] !== 0x3f)
      this.fail(M.badAfterTarget(buf[end]!, target), end);
    this.state = PI_BODY;
    return this.piBody(buf, end, n, final);
  }

  protected piBody(buf: Buffer, i: number, n: number, final: boolean): number {
    for (;;) {
      i = this.toStop(buf, i, n, C.PI, PI_END_AT | CR_AT, true);
      if (i >= n) return n;
      if (buf[i] === 0x3f) {
        if (i + 1 >= n && !final) return this.hold(i);
        if (buf[i + 1] === 0x3e) {
          this.state = TEXT;
          return i + 2;
        }
        i++;
      } else {
        i = this.special(buf, i, n, final, "in a processing instruction");
        if (i < 0) return i;
      }
    }
  }

  /** Reads `<?xml ...?>` (only ever at the start of the file: a few dozen bytes). */
  protected xmlDeclaration(buf: Buffer, i: number, n: number, final: boolean): number {
    for (; i < n; i++) {
      const c = buf[i]!;
      if (c === 0x3f) {
        if (i + 1 >= n && !final) return this.hold(i);
        if (buf[i + 1] !== 0x3e) this.fail(M.QUESTION_IN_DECLARATION, i);
        const problem = checkXmlDeclaration(this.declaration);
        if (problem !== undefined) {
          const lines = this.declaration.slice(0, problem[0]).split("\n");
          const column = lines.length === 1 ? 6 + lines[0]!.length : lines.at(-1)!.length + 1;
          this.failAt(problem[1], lines.length, column);
        }
        this.state = TEXT;
        return i + 2;
      }
      if (c === 0x0d) {
        if (i + 1 >= n && !final) return this.hold(i);
        if (buf[i + 1] === 0x0a) continue;
      }
      if (c === 0x0a || c === 0x0d) this.newLine(i + 1);
      else if ((c < 0x20 && c !== 0x09) || c >= 0x7f) this.fail(M.unexpectedInDeclaration(c), i);
      this.declaration += c === 0x0d ? "\n" : String.fromCharCode(c);
      if (this.declaration.length > 200) this.failAtMark(M.DECLARATION_TOO_LONG);
    }
    return n;
  }

  /** The target of the processing instruction being read, for messages. */
  protected get piName(): string {
    return this.target;
  }
}
