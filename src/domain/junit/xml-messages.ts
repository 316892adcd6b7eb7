/**
 * Every reason the XML scanner gives, in one place: each says what is wrong in the report's
 * terms and what to write instead. The scanner adds the file, line and column.
 */
import { NAME, describeChar } from "./xml-chars.js";
import { MALFORMED, MAX_REFERENCE, UNDEFINED } from "./xml-reference.js";

const isHexDigit = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);

const TRUNCATED = "(truncated report?)";

export const DOCTYPE_REFUSED =
  "DOCTYPE/entity declarations are not allowed in JUnit reports; remove the <!DOCTYPE ...>";
export const EMPTY_FILE = "empty file: no XML content";
export const NO_ROOT =
  "no root element: the file holds only comments or processing instructions, expected <testsuites> or <testsuite>";
export const ENDS_WITH_LT = `the file ends with '<' ${TRUNCATED}`;
export const CLOSE_WITHOUT_NAME =
  "'</' must be followed by the name of the element to close, as in </testcase>";
export const PI_WITHOUT_TARGET = "'<?' must be followed by a name, as in <?xml version=\"1.0\"?>";
export const BAD_BANG = "'<!' must start a comment <!-- ... --> or a CDATA section <![CDATA[ ... ]]>";
export const CDATA_OUTSIDE_ROOT =
  "a CDATA section outside the root element: text belongs inside <testsuites>";
export const CDATA_END_IN_TEXT = "']]>' is not allowed in text: write it as ]]&gt;";
export const DOUBLE_DASH_IN_COMMENT =
  "'--' is not allowed inside a comment: end the comment with --> or remove the '--'";
export const LATE_DECLARATION =
  "the XML declaration <?xml ...?> must be at the very start of the file: remove what comes before it";
export const QUESTION_IN_DECLARATION = "'?' inside the XML declaration: it ends with ?>";
export const DECLARATION_TOO_LONG = "XML declaration longer than 200 characters: is its closing ?> missing?";
export const ENDS_IN_COMMENT = `the file ends inside a comment, which ends with --> ${TRUNCATED}`;
export const ENDS_IN_CDATA = `the file ends inside a CDATA section, which ends with ]]> ${TRUNCATED}`;

export function disallowed(c: number, where: string): string {
  const hint =
    c < 0x20 || (c >= 0x7f && c <= 0x9f)
      ? ": XML cannot hold control characters, not even as &#...; (binary data or terminal colour codes in the report?)"
      : ": XML cannot hold this character, not even as &#...;";
  return `disallowed character ${describeChar(c)} ${where}${hint}`;
}

export function textBeforeRoot(snippet: string): string {
  return (
    `text before the root element, starting "${snippet}": program output mixed into the report? ` +
    "The file must start with <?xml ...?> or the root element <testsuites>"
  );
}

export function textAfterRoot(snippet: string): string {
  return (
    `text after the end of the root element, starting "${snippet}": program output mixed into the report? ` +
    "The report must end with the root's close tag"
  );
}

export function secondRoot(name: string): string {
  return `a second root element <${name}> after the first one ended: a report has one root; wrap the suites in <testsuites>`;
}

export function notATag(c: number): string {
  return `'<' followed by ${describeChar(c)} does not start a tag: write a literal < in text as &lt;`;
}

export function nameTooLong(what: string, max: number): string {
  return `${what} name longer than ${max} characters (limit maxNameLength)`;
}

export function badNameChar(c: number, what: string, name: string): string {
  return `${describeChar(c)} is not allowed in the ${what} name "${name}"`;
}

export function tooDeep(max: number): string {
  return `elements nested deeper than ${max} levels (limit maxDepth)`;
}

export function slashInTag(tag: string): string {
  return `'/' in the start tag <${tag}> must be followed by '>', as in <${tag}/>`;
}

export function unexpectedInTag(c: number, tag: string): string {
  return `unexpected ${describeChar(c)} in the start tag <${tag}>: expected an attribute name="value", '>' or '/>'`;
}

export function noSpaceBetweenAttributes(tag: string): string {
  return `a space is needed between two attributes of <${tag}>`;
}

export function duplicateAttribute(name: string, tag: string): string {
  return `attribute ${name} appears twice in <${tag}>: keep one`;
}

export function attributeWithoutValue(name: string, tag: string): string {
  return `attribute ${name} of <${tag}> has no value: write ${name}="..."`;
}

export function unquotedValue(name: string, tag: string): string {
  return `the value of attribute ${name} of <${tag}> must be in quotes: ${name}="..."`;
}

export function ltInValue(name: string): string {
  return `'<' is not allowed in the value of attribute ${name}: write it as &lt; inside an attribute`;
}

/** Why the `&` at `at` does not start a reference XML allows (`kind` from `readReference`). */
export function badReference(buf: Uint8Array, at: number, end: number, kind: number): string {
  // Only the bytes `readReference` needed to decide are shown, so the reason never depends on the chunking.
  const numeric = buf[at + 1] === 0x23;
  const hex = numeric && buf[at + 2] === 0x78;
  const isPart = (c: number): boolean =>
    hex ? isHexDigit(c) : numeric ? c >= 0x30 && c <= 0x39 : NAME[c] === 1;
  let stop = at + (hex ? 3 : numeric ? 2 : 1);
  while (stop < end && stop - at < MAX_REFERENCE && isPart(buf[stop]!)) stop++;
  const text = Buffer.from(buf.buffer, buf.byteOffset + at, Math.min(stop + 1, end) - at).toString("utf8");
  if (kind === UNDEFINED) {
    return (
      `undefined entity ${text}: XML defines only &amp; &lt; &gt; &quot; &apos;; ` +
      "write other characters as themselves or as a numeric reference such as &#160;"
    );
  }
  if (kind === MALFORMED && numeric) {
    return `malformed character reference "${text}": write &#NNN; (decimal) or &#xHHH; (hexadecimal)`;
  }
  return "'&' does not start a reference: write a literal & as &amp;";
}

export function referenceToBadChar(c: number): string {
  const name = c > 0x10ffff ? "beyond U+10FFFF" : describeChar(c);
  return `character reference to ${name}, which XML does not allow, not even escaped`;
}

export function closeWithoutOpen(name: string): string {
  return `close tag </${name}> without a matching start tag`;
}

export function mismatchedClose(name: string, open: string, line: number): string {
  return `close tag </${name}> does not match the open <${open}> (line ${line}): close <${open}> first`;
}

export function unexpectedInCloseTag(c: number, name: string): string {
  return `unexpected ${describeChar(c)} in the close tag </${name}>: a close tag holds only the name, as in </${name}>`;
}

export function reservedTarget(target: string): string {
  return `processing instruction name "${target}" is reserved: the XML declaration is written <?xml ...?>, in lower case`;
}

export function badAfterTarget(c: number, target: string): string {
  return `unexpected ${describeChar(c)} after <?${target}: a processing instruction is <?${target} ...?>`;
}

export function unexpectedInDeclaration(c: number): string {
  return `unexpected ${describeChar(c)} in the XML declaration, as in <?xml version="1.0" encoding="UTF-8"?>`;
}

export function endsInTag(tag: string): string {
  return `the file ends inside the start tag <${tag} ${TRUNCATED}`;
}

export function endsInValue(name: string, tag: string): string {
  return `the file ends inside the value of attribute ${name} of <${tag}>: is a closing quote missing? ${TRUNCATED}`;
}

export function endsInCloseTag(name: string | undefined): string {
  return `the file ends inside the close tag </${name ?? ""} ${TRUNCATED}`;
}

export function endsInPi(target: string): string {
  return `the file ends inside the processing instruction <?${target}, which ends with ?> ${TRUNCATED}`;
}

export function unclosed(name: string): string {
  return `unclosed tag <${name}>: the file ends before it is closed ${TRUNCATED}`;
}
