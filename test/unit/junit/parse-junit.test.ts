import { parseJunitText } from "../../../src/domain/junit/parse-junit-text.js";
import type { TestCase, TestReport } from "../../../src/domain/junit/test-results.js";
import { fixtureBytes, parseBytes } from "../../helpers/junit.js";

function cases(report: TestReport): TestCase[] {
  const all: TestCase[] = [];
  const walk = (suites: TestReport["suites"]): void => {
    for (const suite of suites) {
      all.push(...suite.cases);
      walk(suite.suites);
    }
  };
  walk(report.suites);
  return all;
}

const byName = (report: TestReport, name: string): TestCase => {
  const found = cases(report).find((c) => c.name === name);
  if (found === undefined) throw new Error(`no case ${name}`);
  return found;
};

describe("parseJunit", () => {
  it("reads a lone testsuite with every outcome, keeping fault text", async () => {
    const report = await parseJunitText(
      `<testsuite name="s" time="1.5">
        <testcase name="ok" classname="C" time="0.1"/>
        <testcase name="bad" classname="C"><failure message="m" type="T">trace
  at x</failure></testcase>
        <testcase name="err" classname="C"><error message="boom"/></testcase>
        <testcase name="skip" classname="C"><skipped message="later"/></testcase>
      </testsuite>`,
      { file: "a.xml" },
    );
    expect(report).toEqual({
      file: "a.xml",
      suites: [
        {
          name: "s",
          time: 1.5,
          suites: [],
          cases: [
            { name: "ok", classname: "C", time: 0.1, outcome: "passed" },
            {
              name: "bad",
              classname: "C",
              outcome: "failed",
              fault: { kind: "failure", type: "T", message: "m", details: "trace\n  at x", truncated: false },
            },
            {
              name: "err",
              classname: "C",
              outcome: "error",
              fault: { kind: "error", message: "boom", truncated: false },
            },
            { name: "skip", classname: "C", outcome: "skipped", skipMessage: "later" },
          ],
        },
      ],
    });
  });

  it("counts Surefire flaky runs as passed and rerun-only faults as failed or error", async () => {
    const report = await parseBytes(fixtureBytes("edge-cases/flaky-and-rerun.xml"));
    expect(byName(report, "flakyTwice")).toMatchObject({ outcome: "passed", flakyRuns: 2 });
    expect(byName(report, "flakyTwice").fault).toBeUndefined();
    expect(byName(report, "flakyError")).toMatchObject({ outcome: "passed", flakyRuns: 1 });
    expect(byName(report, "rerunFailureOnly")).toMatchObject({
      outcome: "failed",
      fault: {
        kind: "failure",
        message: "still broken",
        details: expect.stringContaining("RerunTest.java:12"),
      },
    });
    expect(byName(report, "rerunFailureOnly").fault?.details).not.toContain("noise");
    expect(byName(report, "rerunErrorOnly")).toMatchObject({ outcome: "error", fault: { kind: "error" } });
    expect(byName(report, "failureWithReruns")).toMatchObject({
      outcome: "failed",
      fault: { details: "first run" },
    });
    expect(byName(report, "failureAndError")).toMatchObject({
      outcome: "failed",
      fault: { message: "failure wins" },
    });
  });

  it("keeps nested suites as a tree", async () => {
    const report = await parseBytes(fixtureBytes("edge-cases/nested-suites.xml"));
    expect(report.suites.map((s) => s.name)).toEqual(["outer", "sibling"]);
    const middle = report.suites[0]!.suites[0]!;
    expect(middle.name).toBe("middle");
    expect(middle.suites[0]!.cases.map((c) => c.outcome)).toEqual(["passed", "failed"]);
  });

  it("counts a test case nested in a test case, each by its own direct children, in the report's order", async () => {
    const report = await parseBytes(fixtureBytes("edge-cases/nested-cases.xml"));
    const gateway = report.suites[0]!;
    expect(gateway.cases.slice(14).map((c) => [c.name, c.outcome])).toEqual([
      ["scenario", "failed"], // its own <failure>, not its child case's <error>
      ["scenario step 2", "error"],
      ["parametrised", "passed"], // the <skipped> belongs to the case in the suite it holds
      ["last", "passed"],
    ]);
    expect(byName(report, "scenario").fault).toMatchObject({ message: "the scenario failed" });
    expect(byName(report, "scenario step 2").fault).toMatchObject({ message: "timeout" });
    // A suite inside a case is a suite nested in the case's suite.
    expect(gateway.suites.map((s) => [s.name, s.cases.map((c) => [c.name, c.outcome])])).toEqual([
      ["parametrised cases", [["parametrised [1]", "skipped"]]],
    ]);
  });

  it("counts a test case at any depth, even inside an element it does not know", async () => {
    const report = await parseJunitText(
      `<testsuites><testsuite name="s"><group><testcase name="a"/></group>
         <testcase name="b"><properties><testcase name="c"><failure/></testcase></properties></testcase>
       </testsuite><testcase name="loose"/></testsuites>`,
      { file: "a.xml" },
    );
    expect(cases(report).map((c) => [c.name, c.outcome])).toEqual([
      ["a", "passed"],
      ["b", "passed"],
      ["c", "failed"],
      ["loose", "passed"],
    ]);
  });

  it("puts cases written straight under <testsuites> in a suite named after the root", async () => {
    const report = await parseBytes(fixtureBytes("edge-cases/cases-under-testsuites.xml"));
    expect(report.suites.map((s) => [s.name, s.cases.map((c) => c.name)])).toEqual([
      ["loose", ["loose pass", "loose fail"]],
      ["real", ["inside"]],
    ]);
  });

  it("reads file, filepath and line attributes and lenient times", async () => {
    const report = await parseBytes(fixtureBytes("edge-cases/file-line-and-times.xml"));
    expect(report.suites[0]!.time).toBe(0.25);
    expect(byName(report, "with file and line")).toMatchObject({
      file: "src/a.test.ts",
      line: 12,
      time: 1234.5,
    });
    const filepath = byName(report, "with filepath");
    expect(filepath.file).toBe("tests/b_test.py");
    expect(filepath.line).toBeUndefined();
    expect(filepath.time).toBeUndefined();
    expect(byName(report, "ctest disabled").outcome).toBe("skipped");
  });

  it("handles CDATA and markup-looking text without taking it for elements", async () => {
    const report = await parseBytes(fixtureBytes("edge-cases/cdata-and-markup-in-text.xml"));
    expect(cases(report).map((c) => c.name)).toEqual([
      "cdata failure",
      "skipped with body",
      "output with a child element",
    ]);
    expect(byName(report, "cdata failure").fault).toMatchObject({
      message: "a <b> & c",
      details: "line 1 <not-a-tag> & raw\nline 2 ]]> split terminator",
    });
    expect(byName(report, "skipped with body").skipMessage).toBe("skipped because <reason>");
  });

  it.each([
    ["edge-cases/iso-8859-1.xml", "größer als null", "erwartet: ½, erhalten: ¼"],
    ["edge-cases/windows-1252.xml", "größer als null", "erwartet: € ½, erhalten: ¼"],
    ["edge-cases/utf-16le-bom.xml", "測定 ✓", undefined],
    ["edge-cases/utf-16be-bom.xml", "emoji 🚀", undefined],
    ["edge-cases/utf-8-bom.xml", "ünïcödé", undefined],
  ])("decodes %s", async (path, name, message) => {
    const report = await parseBytes(fixtureBytes(path), {}, 5);
    const found = byName(report, name);
    if (message !== undefined) expect(cases(report)[1]!.fault?.message).toBe(message);
    expect(found).toBeDefined();
  });

  it("reads UTF-16 without a byte-order mark from the shape of '<?'", async () => {
    const text =
      '<?xml version="1.0" encoding="UTF-16"?><testsuite name="ü"><testcase name="é"/></testsuite>';
    const le = new Uint8Array(Buffer.from(text, "utf16le"));
    expect((await parseBytes(le)).suites[0]!.cases[0]!.name).toBe("é");
  });

  it("cuts names, fault text and skip messages at the limits", async () => {
    const long = "x".repeat(5000);
    const report = await parseJunitText(
      `<testsuite name="${long}"><testcase name="${long}"><failure message="${long}">${long}</failure></testcase>` +
        `<testcase name="s"><skipped>${long}</skipped></testcase></testsuite>`,
      { file: "r.xml", limits: { maxNameLength: 10, maxFaultText: 100, maxSkipMessage: 20 } },
    );
    const suite = report.suites[0]!;
    expect(suite.name).toHaveLength(10);
    expect(suite.cases[0]!.name).toHaveLength(10);
    expect(suite.cases[0]!.fault).toMatchObject({ truncated: true });
    expect(suite.cases[0]!.fault!.message).toHaveLength(100);
    expect(suite.cases[0]!.fault!.details).toHaveLength(100);
    expect(suite.cases[1]!.skipMessage).toHaveLength(20);
  });

  it("ignores properties, system-out and system-err at every level", async () => {
    const report = await parseJunitText(
      `<testsuites><testsuite name="s"><properties><property name="testcase" value="x"/></properties>
        <testcase name="a"><system-out>out</system-out><system-err><![CDATA[err]]></system-err></testcase>
        <system-out>suite out</system-out></testsuite></testsuites>`,
      { file: "r.xml" },
    );
    expect(report.suites[0]!.cases).toEqual([{ name: "a", outcome: "passed" }]);
  });
});

describe("encoding detection", () => {
  it("reads a report that wrongly declares UTF-16 but is single-byte as UTF-8", async () => {
    const report = await parseBytes('<?xml version="1.0" encoding="UTF-16"?><testsuite name="é"/>');
    expect(report.suites[0]!.name).toBe("é");
  });

  it("replaces invalid UTF-8 bytes instead of failing the report", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('<testsuite name="a'),
      0xff,
      ...new TextEncoder().encode('"/>'),
    ]);
    expect((await parseBytes(bytes)).suites[0]!.name).toBe("a\uFFFD");
  });

  it("finds the declaration even when it arrives one byte at a time", async () => {
    const latin1 = Uint8Array.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><testsuite name="\xe9"/>',
      (c) => c.charCodeAt(0),
    );
    expect((await parseBytes(latin1, {}, 1)).suites[0]!.name).toBe("é");
  });
});
