import { JunitParseError } from "../../../src/domain/junit/junit-parse-error.js";
import { parseJunit } from "../../../src/domain/junit/parse-junit.js";
import { summarize } from "../../../src/domain/junit/summarize.js";
import { toProblem } from "../../../src/domain/junit/to-problem.js";
import { fixtureBytes, parseBytes, parseError } from "../../helpers/junit.js";

const REFUSED = "DOCTYPE/entity declarations are not allowed in JUnit reports";

describe("hostile and malformed reports", () => {
  it("refuses the billion laughs without expanding anything", async () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<testsuite name="&lol9;"><testcase name="&lol9;"/></testsuite>`;
    const err = await parseError(lol);
    expect(err.reason).toContain(REFUSED);
    expect([err.line, err.column]).toEqual([2, 1]); // where the DOCTYPE starts
  });

  it.each([
    [
      "external entity (XXE)",
      '<!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><testsuite name="&xxe;"/>',
    ],
    ["parameter entity", '<!DOCTYPE t [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]><testsuite/>'],
    ["external DTD", '<!DOCTYPE testsuite SYSTEM "http://127.0.0.1:1/junit.dtd"><testsuite/>'],
    ["bare DOCTYPE", "<!DOCTYPE testsuite><testsuite/>"],
  ])("refuses a DOCTYPE: %s", async (_name, xml) => {
    expect((await parseError(xml)).reason).toContain(REFUSED);
  });

  it("rejects undefined entities", async () => {
    const err = await parseError('<testsuite>\n<testcase name="a&nbsp;b"/></testsuite>');
    expect(err.message).toMatch(/^r\.xml:2:\d+ undefined entity/);
  });

  it.each([
    ["unclosed tag", '<testsuite name="s">\n  <testcase name="a">\n', /^r\.xml:2:3 unclosed tag <testcase>/],
    [
      "bad attribute",
      "<testsuite>\n<testcase name=a/></testsuite>",
      /^r\.xml:2:16 the value of attribute name of <testcase> must be in quotes/,
    ],
    [
      "mismatched close",
      "<testsuite>\n<testcase></testsuite>",
      /^r\.xml:2:11 close tag <\/testsuite> does not match the open <testcase>/,
    ],
    [
      "not JUnit",
      "<html><body/></html>",
      /not a JUnit report: root element <html>, expected <testsuites> or <testsuite>/,
    ],
    ["empty", "", /^r\.xml:1:1 empty file/],
    ["whitespace only", "  \n  ", /empty file/],
    ["two roots", "<testsuite/><testsuite/>", /^r\.xml:1:13 a second root element <testsuite>/],
    [
      "text after root",
      "<testsuite/>junk",
      /^r\.xml:1:13 text after the end of the root element, starting "junk"/,
    ],
  ])("reports %s with file and line", async (_name, xml, message) => {
    expect((await parseError(xml)).message).toMatch(message);
  });

  it("reports a truncated real report", async () => {
    const bytes = fixtureBytes("surefire/handwritten-TEST-eu.sofie.gateway.GatewayTest.xml");
    const err = await parseError(bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(err.reason).toMatch(/unclosed|the file ends inside/);
  });

  it("names an unknown encoding", async () => {
    const err = await parseError('<?xml version="1.0" encoding="x-klingon"?><testsuite/>');
    expect(err.message).toBe(
      'r.xml:1:31 unsupported encoding "x-klingon" in the XML declaration; write the report as UTF-8',
    );
  });

  it("rejects binary garbage with an error, never a crash", async () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const bytes = Uint8Array.from({ length: 200 + round * 37 }, () => Math.floor(random() * 256));
      if (round % 2 === 0) bytes.set(new TextEncoder().encode("<testsuite>"), 0);
      await expect(parseBytes(bytes)).rejects.toBeInstanceOf(JunitParseError);
    }
  });

  it("stops at the nesting limit instead of overflowing the stack", async () => {
    const depth = 100_000;
    const xml = `<testsuite>${"<a>".repeat(depth)}${"</a>".repeat(depth)}</testsuite>`;
    expect((await parseError(xml)).reason).toBe("elements nested deeper than 64 levels (limit maxDepth)");
    const suites = `${"<testsuite>".repeat(depth)}`;
    expect((await parseError(suites)).reason).toMatch(/limit maxDepth/);
  });

  it("stops at the case and byte limits", async () => {
    const xml = `<testsuite>${'<testcase name="a"/>'.repeat(11)}</testsuite>`;
    expect((await parseError(xml, { limits: { maxCases: 10 } })).reason).toBe(
      "more than 10 test cases (limit maxCases)",
    );
    expect((await parseError(xml, { limits: { maxBytes: 100 } })).reason).toMatch(/limit maxBytes/);
  });

  it("cuts a huge attribute and a huge fault text", async () => {
    const huge = "y".repeat(20 * 1024 * 1024);
    const report = await parseBytes(
      `<testsuite><testcase name="${huge}"><failure message="${huge}">${huge}</failure></testcase></testsuite>`,
    );
    const testCase = report.suites[0]!.cases[0]!;
    expect(testCase.name).toHaveLength(1024);
    expect(testCase.fault).toMatchObject({ truncated: true });
    expect(testCase.fault!.details).toHaveLength(64 * 1024);
    expect(testCase.fault!.message).toHaveLength(64 * 1024);
  }, 60_000);

  /** A report whose one node holds 8 MiB, streamed in 64 KiB chunks as a file would be. */
  function* hugeNode(open: string, close: string): Generator<Uint8Array> {
    const encoder = new TextEncoder();
    yield encoder.encode(`<?xml version="1.0"?>\n<testsuite name="s">${open}`);
    const filler = encoder.encode("abcdefghij".repeat(6554)); // 64 KiB, one line
    for (let k = 0; k < 128; k++) yield filler;
    yield encoder.encode(`${close}</testsuite>\n`);
  }

  it.each([
    ["a kept attribute value", '<testcase name="', '"/>'],
    [
      "an attribute of an ignored element",
      '<testcase name="a"><properties><property value="',
      '"/></properties></testcase>',
    ],
    ["text outside captured output", '<testcase name="a"/><note>', "</note>"],
    ["system-out", '<testcase name="a"><system-out>', "</system-out></testcase>"],
    ["a comment", '<testcase name="a"/><!--', "-->"],
    ["a CDATA section", '<testcase name="a"/><note><![CDATA[', "]]></note>"],
    ["a processing instruction", '<testcase name="a"/><?note ', "?>"],
  ])(
    "reads a report where one node is huge: %s",
    async (_what, open, close) => {
      const report = await parseJunit(hugeNode(open, close), { file: "huge.xml" });
      const [testCase] = report.suites[0]!.cases;
      expect(testCase!.name).toMatch(/^(a|(abcdefghij){102}abcd)$/); // a name is cut at 1,024 characters
    },
    60_000,
  );

  it("cuts a huge failure message and text at the limit, while streaming", async () => {
    const report = await parseJunit(
      hugeNode('<testcase name="a"><failure message="', '">trace</failure></testcase>'),
      { file: "huge.xml" },
    );
    const fault = report.suites[0]!.cases[0]!.fault!;
    expect(fault).toMatchObject({ truncated: true, details: "trace" });
    expect(fault.message).toHaveLength(64 * 1024);
  }, 60_000);

  it.each([
    ["tag", "<x", "/>", "huge.xml:2:21 element name longer than 1024 characters (limit maxNameLength)"],
    [
      "attribute",
      '<testcase name="a" x',
      '="1"/>',
      "huge.xml:2:21 attribute name longer than 1024 characters (limit maxNameLength)",
    ],
  ])(
    "refuses a huge %s name at the limit, naming it",
    async (_what, open, close, message) => {
      await expect(parseJunit(hugeNode(open, close), { file: "huge.xml" })).rejects.toThrow(message);
    },
    60_000,
  );

  it("tolerates ANSI control codes in skipped output, not in text it keeps", async () => {
    const ok =
      '<testsuite><testcase name="a"><system-out>\x1b[31mred&#27;[0m</system-out></testcase></testsuite>';
    expect(summarize([await parseBytes(ok)]).passed).toBe(1);
    const bad = '<testsuite><testcase name="a"><failure>\x1b[31mred</failure></testcase></testsuite>';
    expect((await parseError(bad)).reason).toMatch(/disallowed character/);
  });

  it("keeps line numbers exact after skipped output", async () => {
    const output = "log line\r\n".repeat(1000);
    const xml = `<testsuite>\n<system-out>${output}</system-out>\n<testcase name="a"></testcas>\n</testsuite>`;
    for (const skipOutputFast of [true, false]) {
      expect((await parseError(xml, { skipOutputFast })).line).toBe(1003);
    }
  });

  it("converts an error into a Problem", async () => {
    const err = await parseError("<testsuite>\n<testcase>");
    expect(toProblem(err)).toEqual({
      file: "r.xml",
      line: 2,
      column: 1,
      message: err.reason,
      severity: "error",
    });
  });

  it("parses a 50 MB report keeping only failing text, cut at the limit", async () => {
    const encoder = new TextEncoder();
    const output = encoder.encode(
      `<system-out><![CDATA[${"INFO noisy log line that we never keep\n".repeat(640)}]]></system-out>`,
    );
    const trace = "at eu.sofie.Frame.call(Frame.java:1)\n".repeat(3000); // ~110 KB
    let produced = 0;
    function* report(): Generator<Uint8Array> {
      yield encoder.encode("<testsuites>");
      for (let s = 0; s < 2000; s++) {
        yield encoder.encode(`<testsuite name="S${s}">`);
        for (let c = 0; c < 20; c++) {
          const fault = c === 7 && s % 10 === 0 ? `<failure message="m">${trace}</failure>` : "";
          yield encoder.encode(`<testcase name="c${c}" classname="S${s}">${fault}`);
          yield output;
          produced += output.length;
          yield encoder.encode("</testcase>");
        }
        yield encoder.encode("</testsuite>");
      }
      yield encoder.encode("</testsuites>");
    }
    const result = await parseJunit(report(), { file: "big.xml" });
    expect(produced).toBeGreaterThan(50 * 1024 * 1024);
    expect(summarize([result])).toMatchObject({ tests: 40_000, failures: 200, passed: 39_800 });
    const failing = result.suites.flatMap((s) => s.cases).filter((c) => c.fault !== undefined);
    expect(failing.every((c) => c.fault!.truncated && c.fault!.details!.length === 64 * 1024)).toBe(true);
    const kept = JSON.stringify(result);
    expect(kept).not.toContain("noisy log line");
    expect(kept.length).toBeLessThan(200 * 64 * 1024 + 5 * 1024 * 1024);
  }, 120_000);
});
