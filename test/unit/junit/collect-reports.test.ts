import { collectReports, type ReportFiles } from "../../../src/domain/junit/collect-reports.js";
import { reportMatcher } from "../../../src/domain/junit/report-matcher.js";

const PASSING = '<testsuite name="s"><testcase name="a"/><testcase name="b"/></testsuite>';
const FAILING = '<testsuite name="f"><testcase name="x"><failure message="no"/></testcase></testsuite>';

function files(texts: Record<string, string | Error>, extra: Partial<ReportFiles> = {}): ReportFiles {
  return {
    names: Object.keys(texts),
    read: (name) =>
      (async function* () {
        const text = texts[name];
        if (text instanceof Error) throw text;
        yield new TextEncoder().encode(text);
      })(),
    ...extra,
  };
}

describe("collectReports", () => {
  it("parses the files the glob selects and sums them", async () => {
    const collected = await collectReports(
      files({
        "reports/a.xml": PASSING,
        "reports/b.xml": FAILING,
        "out/c.xml": PASSING,
        "reports/d.txt": "x",
      }),
      reportMatcher("reports/**/*.xml"),
    );
    expect(collected.reports.map((r) => r.file)).toEqual(["reports/a.xml", "reports/b.xml"]);
    expect(collected.totals).toMatchObject({ tests: 3, passed: 2, failures: 1 });
    expect(collected).toMatchObject({ matched: 2, problems: [], notRead: [] });
  });

  it("collects every problem: refused reports first, then each malformed or unreadable file, in order", async () => {
    const collected = await collectReports(
      files(
        {
          "reports/broken.xml": "<testsuite>\n<testcase name='x'>\n",
          "reports/capped.xml": new Error("over the cap"),
          "reports/ok.xml": PASSING,
        },
        {
          refused: [
            { name: "reports/link.xml", reason: "a symbolic link" },
            { name: "notes/link.txt", reason: "a symbolic link" },
          ],
          readError: (_name, error) => (error instanceof Error ? error.message : undefined),
        },
      ),
      reportMatcher("reports/**/*.xml"),
    );
    expect(collected.problems.map((p) => [p.file, p.line, p.unread ?? false])).toEqual([
      ["reports/link.xml", 1, true],
      ["reports/broken.xml", 2, false],
      ["reports/capped.xml", 1, true],
    ]);
    expect(collected.problems[0]?.message).toBe(
      "not read: a symbolic link; upload the report as a plain file",
    );
    expect(collected.problems[2]?.message).toBe("over the cap");
    expect(collected.notRead).toEqual([{ name: "notes/link.txt", reason: "a symbolic link" }]);
    expect(collected.matched).toBe(4);
    expect(collected.totals.tests).toBe(2);
  });

  it("throws an error the files cannot explain", async () => {
    const failure = new Error("socket hang up");
    await expect(collectReports(files({ "a.xml": failure }))).rejects.toBe(failure);
  });
});
