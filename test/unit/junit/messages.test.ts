import * as M from "../../../src/domain/junit/xml-messages.js";
import type { ParseJunitOptions } from "../../../src/domain/junit/parse-junit.js";
import { parseError } from "../../helpers/junit.js";

const TRUNCATED = "(truncated report?)";
const LONG_NAME = "n".repeat(2000);

/**
 * One malformed report per reason the parser can give: the reason, line and column expected.
 * The first column names the message (an export of xml-messages, or where else it comes from).
 */
const CASES: [
  key: string,
  xml: string,
  reason: string,
  line: number,
  column: number,
  options?: Partial<ParseJunitOptions>,
][] = [
  ["DOCTYPE_REFUSED", "<!DOCTYPE x>\n<testsuite/>", M.DOCTYPE_REFUSED, 1, 1],
  ["EMPTY_FILE", " \n ", "empty file: no XML content", 1, 1],
  ["NO_ROOT", "<!-- only a comment -->\n", M.NO_ROOT, 2, 1],
  ["ENDS_WITH_LT", "<testsuite>\n<", `the file ends with '<' ${TRUNCATED}`, 2, 1],
  ["CLOSE_WITHOUT_NAME", "<testsuite></ testsuite>", M.CLOSE_WITHOUT_NAME, 1, 12],
  ["PI_WITHOUT_TARGET", "<? x?><testsuite/>", M.PI_WITHOUT_TARGET, 1, 1],
  ["BAD_BANG", '<testsuite><!ENTITY x "y"></testsuite>', M.BAD_BANG, 1, 12],
  ["CDATA_OUTSIDE_ROOT", "<![CDATA[x]]><testsuite/>", M.CDATA_OUTSIDE_ROOT, 1, 1],
  [
    "CDATA_END_IN_TEXT",
    "<testsuite>a ]]> b</testsuite>",
    "']]>' is not allowed in text: write it as ]]&gt;",
    1,
    14,
  ],
  ["DOUBLE_DASH_IN_COMMENT", "<testsuite><!-- a -- b --></testsuite>", M.DOUBLE_DASH_IN_COMMENT, 1, 19],
  ["LATE_DECLARATION", '\n<?xml version="1.0"?><testsuite/>', M.LATE_DECLARATION, 2, 1],
  ["QUESTION_IN_DECLARATION", '<?xml version="1.0"? ?><testsuite/>', M.QUESTION_IN_DECLARATION, 1, 20],
  [
    "DECLARATION_TOO_LONG",
    `<?xml version="1.0"${" ".repeat(300)}?><testsuite/>`,
    M.DECLARATION_TOO_LONG,
    1,
    1,
  ],
  ["ENDS_IN_COMMENT", "<testsuite><!-- never closed", M.ENDS_IN_COMMENT, 1, 12],
  ["ENDS_IN_CDATA", "<testsuite><![CDATA[ never closed", M.ENDS_IN_CDATA, 1, 12],
  [
    "disallowed",
    "<testsuite>\n<failure>\x1b[31mred</failure></testsuite>",
    "disallowed character U+001B (ESC) in text: XML cannot hold control characters, not even as &#...; (binary data or terminal colour codes in the report?)",
    2,
    10,
  ],
  [
    "disallowed",
    '<testsuite name="\uFFFF"/>',
    "disallowed character U+FFFF (a non-character) in the value of attribute name: XML cannot hold this character, not even as &#...;",
    1,
    18,
  ],
  [
    "textBeforeRoot",
    "Running tests...\n<testsuite/>",
    'text before the root element, starting "Running tests...": program output mixed into the report? The file must start with <?xml ...?> or the root element <testsuites>',
    1,
    1,
  ],
  [
    "textAfterRoot",
    "<testsuite/>\nDone.",
    'text after the end of the root element, starting "Done.": program output mixed into the report? The report must end with the root\'s close tag',
    2,
    1,
  ],
  [
    "secondRoot",
    "<testsuite/>\n<testsuite/>",
    "a second root element <testsuite> after the first one ended: a report has one root; wrap the suites in <testsuites>",
    2,
    1,
  ],
  [
    "notATag",
    "<testsuite>a < b</testsuite>",
    "'<' followed by a space does not start a tag: write a literal < in text as &lt;",
    1,
    14,
  ],
  [
    "nameTooLong",
    `<testsuite><${LONG_NAME}/></testsuite>`,
    "element name longer than 1024 characters (limit maxNameLength)",
    1,
    12,
  ],
  [
    "badNameChar",
    "<testsuite><a\u00d7/></testsuite>",
    "'\u00d7' (U+00D7) is not allowed in the element name \"a\u00d7\"",
    1,
    12,
  ],
  [
    "tooDeep",
    "<testsuite><a><b><c/></b></a></testsuite>",
    "elements nested deeper than 3 levels (limit maxDepth)",
    1,
    18,
    { limits: { maxDepth: 3 } },
  ],
  [
    "slashInTag",
    "<testsuite/ >",
    "'/' in the start tag <testsuite> must be followed by '>', as in <testsuite/>",
    1,
    11,
  ],
  [
    "unexpectedInTag",
    '<testsuite name="a" "b"/>',
    `unexpected '"' in the start tag <testsuite>: expected an attribute name="value", '>' or '/>'`,
    1,
    21,
  ],
  [
    "noSpaceBetweenAttributes",
    '<testsuite name="a"time="1"/>',
    "a space is needed between two attributes of <testsuite>",
    1,
    20,
  ],
  [
    "duplicateAttribute",
    '<testsuite name="a" name="b"/>',
    "attribute name appears twice in <testsuite>: keep one",
    1,
    21,
  ],
  [
    "attributeWithoutValue",
    "<testsuite name/>",
    'attribute name of <testsuite> has no value: write name="..."',
    1,
    16,
  ],
  [
    "unquotedValue",
    "<testsuite name=a/>",
    'the value of attribute name of <testsuite> must be in quotes: name="..."',
    1,
    17,
  ],
  [
    "ltInValue",
    '<testsuite>\n  <testcase name="a" time="<<computed>>"/></testsuite>',
    "'<' is not allowed in the value of attribute time: write it as &lt; inside an attribute",
    2,
    28,
  ],
  [
    "ltInValue",
    '<testsuite><testcase name="a"><failure message="<b>BOO</b>"/></testcase></testsuite>',
    "'<' is not allowed in the value of attribute message: write it as &lt; inside an attribute",
    1,
    49,
  ],
  [
    "badReference",
    '<testsuite>\n<testcase name="a&nbsp;b"/></testsuite>',
    "undefined entity &nbsp;: XML defines only &amp; &lt; &gt; &quot; &apos;; write other characters as themselves or as a numeric reference such as &#160;",
    2,
    18,
  ],
  [
    "badReference",
    "<testsuite>&#12a;</testsuite>",
    'malformed character reference "&#12a": write &#NNN; (decimal) or &#xHHH; (hexadecimal)',
    1,
    12,
  ],
  [
    "badReference",
    "<testsuite>fish & chips</testsuite>",
    "'&' does not start a reference: write a literal & as &amp;",
    1,
    17,
  ],
  [
    "referenceToBadChar",
    "<testsuite>&#0;</testsuite>",
    "character reference to U+0000 (NUL), which XML does not allow, not even escaped",
    1,
    12,
  ],
  ["closeWithoutOpen", "</testsuite>", "close tag </testsuite> without a matching start tag", 1, 1],
  [
    "mismatchedClose",
    "<testsuite>\n<testcase></testsuite>",
    "close tag </testsuite> does not match the open <testcase> (line 2): close <testcase> first",
    2,
    11,
  ],
  [
    "unexpectedInCloseTag",
    "<testsuite></testsuite x>",
    "unexpected 'x' in the close tag </testsuite>: a close tag holds only the name, as in </testsuite>",
    1,
    24,
  ],
  [
    "reservedTarget",
    "<testsuite><?XML x?></testsuite>",
    'processing instruction name "XML" is reserved: the XML declaration is written <?xml ...?>, in lower case',
    1,
    12,
  ],
  [
    "badAfterTarget",
    "<testsuite><?pi>x?></testsuite>",
    "unexpected '>' after <?pi: a processing instruction is <?pi ...?>",
    1,
    16,
  ],
  [
    "unexpectedInDeclaration",
    '<?xml version="1.0"\x01?><testsuite/>',
    'unexpected U+0001 (SOH) in the XML declaration, as in <?xml version="1.0" encoding="UTF-8"?>',
    1,
    20,
  ],
  [
    "endsInTag",
    '<testsuite><testcase name="a"',
    `the file ends inside the start tag <testcase ${TRUNCATED}`,
    1,
    12,
  ],
  [
    "endsInValue",
    '<testsuite><testcase name="a',
    `the file ends inside the value of attribute name of <testcase>: is a closing quote missing? ${TRUNCATED}`,
    1,
    12,
  ],
  [
    "endsInCloseTag",
    "<testsuite></testsuite",
    `the file ends inside the close tag </testsuite ${TRUNCATED}`,
    1,
    12,
  ],
  [
    "endsInPi",
    "<testsuite><?pi never",
    `the file ends inside the processing instruction <?pi, which ends with ?> ${TRUNCATED}`,
    1,
    12,
  ],
  [
    "unclosed",
    '<testsuite>\n  <testcase name="a">',
    `unclosed tag <testcase>: the file ends before it is closed ${TRUNCATED}`,
    2,
    3,
  ],
  // The XML declaration (check-xml-declaration).
  [
    "declaration: version",
    '<?xml version="2.0"?><testsuite/>',
    'unsupported XML version "2.0" in the XML declaration: write version="1.0"',
    1,
    16,
  ],
  [
    "declaration: encoding name",
    '<?xml version="1.0" encoding="utf 8"?><testsuite/>',
    `invalid encoding name "utf 8" in the XML declaration: an encoding name is letters, digits, '.', '_' and '-', starting with a letter, such as "UTF-8"`,
    1,
    31,
  ],
  [
    "declaration: standalone",
    '<?xml version="1.0" standalone="maybe"?><testsuite/>',
    'standalone="maybe" in the XML declaration: it must be "yes" or "no"',
    1,
    33,
  ],
  [
    "declaration: unexpected",
    '<?xml version="1.0" charset="utf-8"?><testsuite/>',
    'unexpected "charset" in the XML declaration: expected encoding or standalone, as in <?xml version="1.0" encoding="UTF-8"?>',
    1,
    21,
  ],
  [
    "declaration: order",
    '<?xml encoding="UTF-8" version="1.0"?><testsuite/>',
    '"encoding" repeated or out of order in the XML declaration: expected version="1.0", as in <?xml version="1.0" encoding="UTF-8"?>',
    1,
    7,
  ],
  [
    "declaration: space",
    '<?xml version="1.0"encoding="UTF-8"?><testsuite/>',
    'a space is needed before "encoding" in the XML declaration',
    1,
    20,
  ],
  [
    "declaration: equals",
    '<?xml version "1.0"?><testsuite/>',
    'expected = after "version" in the XML declaration, as in <?xml version="1.0" encoding="UTF-8"?>',
    1,
    15,
  ],
  [
    "declaration: quotes",
    "<?xml version=1.0?><testsuite/>",
    'the value of "version" in the XML declaration must be in quotes, as in <?xml version="1.0" encoding="UTF-8"?>',
    1,
    15,
  ],
  [
    "declaration: closing quote",
    "<?xml version='1.0?><testsuite/>",
    'the value of "version" in the XML declaration has no closing quote',
    1,
    15,
  ],
  [
    "declaration: no version",
    "<?xml ?><testsuite/>",
    'the XML declaration must give the version, as in <?xml version="1.0" encoding="UTF-8"?>',
    1,
    7,
  ],
  // The decoder and the JUnit reading.
  [
    "decoder: encoding",
    '<?xml version="1.0" encoding="x-klingon"?><testsuite/>',
    'unsupported encoding "x-klingon" in the XML declaration; write the report as UTF-8',
    1,
    31,
  ],
  [
    "junit: root",
    "<html>\n<body/></html>",
    "not a JUnit report: root element <html>, expected <testsuites> or <testsuite>",
    1,
    1,
  ],
  [
    "junit: maxCases",
    '<testsuite>\n<testcase name="a"/><testcase name="b"/></testsuite>',
    "more than 1 test cases (limit maxCases)",
    2,
    21,
    { limits: { maxCases: 1 } },
  ],
  [
    "junit: maxBytes",
    `<testsuite>${"<testcase/>".repeat(20)}</testsuite>`,
    "report larger than 100 bytes (limit maxBytes)",
    1,
    1,
    { limits: { maxBytes: 100 } },
  ],
];

describe("every parse error", () => {
  // A rest parameter: with one more named parameter than a row has, jest would pass `done`.
  it.each(CASES)("%s: %j", async (...row) => {
    const [, xml, reason, line, column, options] = row;
    const err = await parseError(xml, options);
    expect({ reason: err.reason, line: err.line, column: err.column }).toEqual({ reason, line, column });
  });

  it("is covered above, for every message the scanner has", () => {
    const keys = new Set(CASES.map(([key]) => key));
    expect(Object.keys(M).filter((name) => !keys.has(name))).toEqual([]);
  });

  it.each(CASES)("%s says what is wrong in plain words, on one line", (_key, _xml, reason) => {
    expect(reason).not.toMatch(/\n/);
    // No regular expression, no parser internals.
    expect(reason).not.toMatch(/\/\^|\$\/|\\[dswS]|\[A-Z|\[0-9/);
    expect(reason).not.toMatch(
      /saxes|\bEOC\b|char data|root node|waka|NaN|\[object|undefined\.|\bnull\b|xmlns|production|EncName|chunk/i,
    );
  });
});
