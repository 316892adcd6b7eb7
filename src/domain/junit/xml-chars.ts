/**
 * Byte classes for the XML scanner's loops, over UTF-8. Each table maps a byte to what the
 * loop must do with it: `PLAIN` bytes are skipped (non-ASCII bytes included: their code
 * points are checked where it matters), `NEWLINE` is a line feed to count, `STOP` hands the
 * byte to the state's own code (a delimiter, a reference, a carriage return, a control
 * character, or 0xEF, which may start the disallowed U+FFFE/U+FFFF).
 */
export const PLAIN = 0;
export const NEWLINE = 1;
export const STOP = 2;

function table(stops: string, controlsStop = true): Uint8Array {
  const classes = new Uint8Array(256);
  if (controlsStop) classes.fill(STOP, 0, 0x20).fill(STOP, 0xef, 0xf0);
  classes[0x09] = PLAIN;
  classes[0x0a] = NEWLINE;
  classes[0x0d] = STOP;
  for (const stop of stops) classes[stop.charCodeAt(0)] = STOP;
  return classes;
}

/** Character data: markup, references and `]]>` stop. */
export const TEXT = table("<&]");
/** Text of `system-out`/`system-err`, which is discarded: control characters pass. */
export const LENIENT_TEXT = table("<&]", false);
/** Outside the root element, only white space may appear. */
export const PROLOG = (() => {
  const classes = new Uint8Array(256).fill(STOP);
  classes[0x20] = classes[0x09] = PLAIN;
  classes[0x0a] = NEWLINE;
  return classes;
})();
/** Attribute values: the quote, `<`, references; tab and line ends are normalised to spaces. */
export const VALUE_DQ = table('"<&\t\n');
export const VALUE_SQ = table("'<&\t\n");
export const COMMENT = table("-");
export const CDATA = table("]");
export const LENIENT_CDATA = table("]", false);
export const PI = table("?");

/** Bytes of a name (ASCII name characters, and any non-ASCII byte, checked once the name is read). */
export const NAME = (() => {
  const classes = new Uint8Array(256);
  for (let c = 0; c < 256; c++) {
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    const digit = c >= 0x30 && c <= 0x39;
    if (letter || digit || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x3a || c >= 0x80) classes[c] = 1;
  }
  return classes;
})();

/** Whether the byte may start a name (a non-ASCII byte is checked with the whole code point). */
export function isNameStartByte(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a || c >= 0x80;
}

export const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** XML 1.0 (fifth edition) NameStartChar, for code points beyond ASCII. */
function isNameStartCodePoint(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0xeffff)
  );
}

/**
 * The first character of `name` that XML does not allow where it stands, or -1. Only names
 * with non-ASCII characters need this: the ASCII ones were checked byte by byte.
 */
export function badNameChar(name: string): number {
  let index = 0;
  for (const char of name) {
    const c = char.codePointAt(0)!;
    const ascii = c < 0x80 && (c === 0x3a || c === 0x5f || /[A-Za-z]/.test(char));
    const start = ascii || isNameStartCodePoint(c);
    const rest =
      /[0-9.-]/.test(char) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
    if (!(start || (index > 0 && rest))) return c;
    index++;
  }
  return -1;
}

/** Whether XML 1.0 allows the code point at all (the `Char` production). */
export function isXmlChar(c: number): boolean {
  return (
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

const CONTROL_NAMES = [
  "NUL",
  "SOH",
  "STX",
  "ETX",
  "EOT",
  "ENQ",
  "ACK",
  "BEL",
  "BS",
  "TAB",
  "LF",
  "VT",
  "FF",
  "CR",
  "SO",
  "SI",
  "DLE",
  "DC1",
  "DC2",
  "DC3",
  "DC4",
  "NAK",
  "SYN",
  "ETB",
  "CAN",
  "EM",
  "SUB",
  "ESC",
  "FS",
  "GS",
  "RS",
  "US",
];

/** A character as a message names it: `'<'`, `U+001B (ESC)`, `U+FFFF`. */
export function describeChar(c: number): string {
  const hex = `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
  if (c < 0x20) return `${hex} (${CONTROL_NAMES[c]})`;
  if (c === 0x20) return "a space";
  if (c < 0x7f) return `'${String.fromCharCode(c)}'`;
  if (c >= 0x7f && c <= 0x9f) return `${hex} (a control character)`;
  if (c === 0xfffe || c === 0xffff) return `${hex} (a non-character)`;
  return `'${String.fromCodePoint(c)}' (${hex})`;
}
