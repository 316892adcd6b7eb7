import { SaxesParser } from "saxes";
import { JunitParseError } from "../../../src/domain/junit/junit-parse-error.js";
import { TextCapture } from "../../../src/domain/junit/text-capture.js";
import { CAPTURE_TEXT, XmlScanner, type XmlHandler } from "../../../src/domain/junit/xml-scanner.js";
import { chunked } from "../../helpers/junit.js";

/** Records what the scanner reports, in the shape compared with saxes. */
class Recorder implements XmlHandler {
  readonly events: string[] = [];
  capture: TextCapture | undefined;
  private readonly texts: TextCapture[] = [];

  startTag(): boolean {
    return true;
  }

  openTag(attributes: readonly string[], count: number): number {
    this.flush();
    const pairs: string[] = [];
    for (let k = 0; k < count; k += 2) pairs.push(`${attributes[k]}=${JSON.stringify(attributes[k + 1])}`);
    this.events.push(`open ${pairs.sort().join(" ")}`);
    this.capture = new TextCapture(1 << 20);
    this.texts.push(this.capture);
    return CAPTURE_TEXT;
  }

  closeTag(): void {
    this.flush();
    this.texts.pop();
    this.capture = this.texts.at(-1);
    this.events.push("close");
  }

  /** Text is compared per element: what it held directly, in one piece. */
  private flush(): void {
    const top = this.texts.at(-1);
    if (top === undefined) return;
    const [text] = top.read();
    if (text !== "") this.events.push(`text ${JSON.stringify(text)}`);
    top.reset();
  }
}

function scan(xml: Uint8Array, chunk: number): string[] | JunitParseError {
  const recorder = new Recorder();
  const scanner = new XmlScanner(recorder, {
    file: "f.xml",
    maxDepth: 64,
    maxNameLength: 1024,
    maxValueLength: 1 << 20,
    knownNames: [],
  });
  try {
    for (const part of chunked(xml, chunk)) scanner.push(part);
    scanner.end();
  } catch (err) {
    if (err instanceof JunitParseError) return err;
    throw err;
  }
  return recorder.events;
}

/** The same through saxes, the strict parser the scanner replaced: the oracle. */
function oracle(xml: Uint8Array): string[] | "error" {
  const events: string[] = [];
  const texts: string[] = [];
  const flush = (): void => {
    if (texts.length > 0 && texts[texts.length - 1] !== "")
      events.push(`text ${JSON.stringify(texts[texts.length - 1])}`);
    if (texts.length > 0) texts[texts.length - 1] = "";
  };
  const sax = new SaxesParser({ xmlns: false });
  let failed = false;
  sax.on("error", () => {
    failed = true;
  });
  sax.on("doctype", () => {
    failed = true;
  });
  sax.on("opentag", (tag) => {
    flush();
    const pairs = Object.entries(tag.attributes).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    events.push(`open ${pairs.sort().join(" ")}`);
    texts.push("");
  });
  sax.on("closetag", () => {
    flush();
    texts.pop();
    events.push("close");
  });
  const add = (text: string): void => {
    if (texts.length > 0) texts[texts.length - 1] += text;
  };
  sax.on("text", add);
  sax.on("cdata", add);
  try {
    // saxes reads text: decode as our scanner's callers do (invalid bytes become U+FFFD).
    sax.write(new TextDecoder().decode(xml));
    sax.close();
  } catch {
    failed = true;
  }
  return failed ? "error" : events;
}

/** Well-formed pieces of content that stress every state of the scanner and every chunk boundary. */
const VALID: string[] = [
  "text",
  " ",
  "\n",
  "\r\n",
  "\r",
  "\t",
  "&amp;",
  "&lt;&gt;",
  "&quot;&apos;",
  "&#10;",
  "&#x41;",
  "&#x1F680;",
  "&#65533;",
  "&#233;",
  "]",
  "]]",
  "] ]>",
  "ü€🚀",
  "\u{FFFD}",
  "\x7f",
  "\x85",
  "<![CDATA[ c <b> & ]] ]]>",
  "<![CDATA[\r\nx\r]]>",
  "<![CDATA[]]]]>",
  "<!-- c -->",
  "<!---->",
  "<!-- - -->",
  "<?pi body?>",
  "<?pi?>",
  "<?pi ??>",
  "<?xml-x y?>",
  "<b/>",
  "<b></b>",
  "<b >x</b >",
  "<b\n/>",
  "<é/>",
  "<b\r\n\ta='1'\r/>",
  '<a x="1"/>',
  "<a x='1' y=\"2\"/>",
  '<a x = "1"/>',
  '<a x="a\tb\nc\r\nd\re"/>',
  '<a x="&amp;&#9;&#10;&#13;"/>',
  "<a x=\"'\" y='\"'/>",
  '<a:b c:d="1"/>',
  "<a\u00b7/>",
  "<_.-/>",
  "<a\u0300b/>",
  "<b>\n  <c/>\n</b>",
];

/** Pieces that each make a document malformed (or, for a few, that saxes and we may judge alike anyway). */
const INVALID: string[] = [
  "&#0;",
  "&#xD800;",
  "&#65535;",
  "&#1114112;",
  "&bogus;",
  "&",
  "&#;",
  "&#x;",
  "&#12a;",
  "&amp",
  "& ",
  "]]>",
  "\u{FFFF}",
  "\u{FFFE}",
  "\x01",
  "\x1b[31m",
  "\x00",
  "<![CDATA[",
  "<!-- a -- b -->",
  "<!--->",
  "<!-- x --->",
  "<!--",
  "<?XML x?>",
  "<?pi>x?>",
  "<?xml version='1.0'?>",
  "<??>",
  "<? x?>",
  "<?pi",
  "<1/>",
  "< b/>",
  "<b",
  "</b>",
  "</ b>",
  "<b/ >",
  "<b></c>",
  "<b x>",
  '<a x="1"y="2"/>',
  '<a x="1" x="2"/>',
  "<a x=1/>",
  '<a x="a<b"/>',
  '<a x="&nbsp;"/>',
  "<a x/>",
  '<a x="\x01"/>',
  '<a x="1',
  "<a\x01/>",
  '<a "x"/>',
  "<!DOCTYPE a>",
  "<!ELEMENT a>",
  "<!x>",
  "<![CDATA[x]]",
  "</>",
  "<a=1/>",
  "<-a/>",
  "<a\u00d7/>",
  "<",
];

/** Long runs, so that the native skipping (past 64 plain bytes) meets every stop too. */
const LONG = "lorem ipsum dolor sit amet\n".repeat(4);
VALID.push(
  LONG,
  `${LONG}&amp;${LONG}]${LONG}]]${LONG}`,
  `<a v="${LONG.replace(/\n/g, " ")}&lt;${LONG}\r\n${LONG}"/>`,
  `<a v='${LONG}\t${LONG}"'/>`,
  `<!--${LONG}-${LONG}-->`,
  `<![CDATA[${LONG}]${LONG}]]${LONG}\r${LONG}]]>`,
  `<?pi ${LONG}?${LONG}?>`,
  `${LONG}\r\n${LONG}\r${LONG}`,
  `${LONG}ü€🚀${LONG}`,
);
INVALID.push(
  `${LONG}\x01${LONG}`,
  `${LONG}]]>${LONG}`,
  `${LONG}<${LONG}`,
  `${LONG}& ${LONG}`,
  `${LONG}\u{FFFE}${LONG}`,
  `<a v="${LONG}<${LONG}"/>`,
  `<a v="${LONG}\x0b${LONG}"/>`,
  `<a v="${LONG}\u{FFFF}"/>`,
  `<!--${LONG}--${LONG}-->`,
  `<!--${LONG}\x02-->`,
  `<![CDATA[${LONG}\x1b${LONG}]]>`,
  `<?pi ${LONG}\x00?>`,
  `<!--${LONG}`,
  `<![CDATA[${LONG}`,
);

function randomDoc(random: () => number): string {
  const pick = (list: readonly string[]): string => list[Math.floor(random() * list.length)]!;
  const pieces: string[] = [];
  const n = Math.floor(random() * 6);
  for (let k = 0; k < n; k++) pieces.push(pick(VALID));
  // Half the documents hold one malformed piece, somewhere: in the root, in a child, before or after.
  const where = random() < 0.5 ? Math.floor(random() * 4) : -1;
  const bad = where >= 0 ? pick(INVALID) : "";
  const declaration = random() < 0.3 ? '<?xml version="1.0" encoding="UTF-8"?>\n' : "";
  const before = where === 2 ? bad : random() < 0.2 ? "<!-- before -->\n" : "";
  const after = where === 3 ? bad : random() < 0.3 ? "\n<?after?>\n" : "";
  const child = where === 1 ? bad : random() < 0.5 ? pick(VALID) : "";
  if (where === 0) pieces.splice(Math.floor(random() * (pieces.length + 1)), 0, bad);
  return `${declaration}${before}<root a="1">${pieces.join("")}<c>${child}</c></root>${after}`;
}

describe("the XML scanner", () => {
  it("accepts and rejects what saxes does, with the same events and its own errors in any chunking", () => {
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const encoder = new TextEncoder();
    for (let round = 0; round < 3000; round++) {
      const xml = encoder.encode(randomDoc(random));
      const expected = oracle(xml);
      const whole = scan(xml, 1 << 16);
      for (const size of [1, 2, 3, 7, 61, 1 << 16]) {
        const got = scan(xml, size);
        // Errors are compared with saxes as such, and with the scanner's own in one chunk to the letter.
        const same =
          got instanceof JunitParseError
            ? expected === "error" && got.message === (whole as JunitParseError).message
            : JSON.stringify(got) === JSON.stringify(expected);
        if (!same) {
          throw new Error(
            `differs in chunks of ${size}:\n${JSON.stringify(new TextDecoder().decode(xml))}\n` +
              `scanner: ${got instanceof JunitParseError ? got.message : JSON.stringify(got)}\n` +
              `saxes:   ${JSON.stringify(expected)}`,
          );
        }
      }
    }
  });
});
