import type { TestReport } from "../../../src/domain/junit/test-results.js";
import { renderTestCheck, testCheckTitle } from "../../../src/domain/render/render-test-check.js";
import { markdownProblems } from "./markdown-checks.js";
import { passed, realisticReports, suite, writeOutput } from "./sample-reports.js";

const LEVEL = {
  current: 1,
  name: "Connected",
  missing: ["JUnit reports with no failures or errors", "the Dockerfile check passes (no hard-coded ports)"],
};
const CONTEXT = {
  artifactName: "sofie-results",
  junitGlob: "reports/**/*.xml",
  runUrl: "https://github.com/acme/flexibility-gateway/actions/runs/42",
};

describe("renderTestCheck", () => {
  it("renders a realistic run with failures, an error, a skip and a nested suite", () => {
    const result = renderTestCheck({ reports: realisticReports(), level: LEVEL, context: CONTEXT });
    writeOutput("realistic", result.summary);
    expect(result.title).toBe("7 passed, 2 failed, 1 errored, 1 skipped");
    expect(result.conclusion).toBe("failure");
    expect(result.truncated).toBe(false);
    expect(result.summary).toContain("## ❌ 7 passed, 2 failed, 1 errored, 1 skipped");
    expect(result.summary).toContain("**11 tests** in 4 suites from 3 reports");
    expect(result.summary).toContain("| ❌ | com.acme.gateway.PriceServiceTest | 2 | 1 |  | 1 | 50ms |");
    expect(result.summary).toContain("| ❌ | pytest › tests.test\\_tariffs | 2 |  | 1 |  | 420ms |");
    expect(result.summary).toContain("#### ❌ com.acme.gateway.PriceServiceTest › roundsHalfUpToCents()");
    expect(result.summary).toContain(
      "`org.opentest4j.AssertionFailedError`: expected: &lt;12.35&gt; but was: &lt;12.34&gt;",
    );
    expect(result.summary).toContain("#### 💥 pytest › tests.test\\_tariffs › test\\_tariff\\_lookup");
    expect(result.summary).toContain(
      "[the workflow run](https://github.com/acme/flexibility-gateway/actions/runs/42)",
    );
    expect(result.summary).toContain(
      "Missing for level 2:\n\n- [ ] JUnit reports with no failures or errors",
    );
    expect(result.summary.length).toBeLessThanOrEqual(65535);
    expect(markdownProblems(result.summary)).toEqual([]);
  });

  it("succeeds when every test passes, and says what a pull request does to the level", () => {
    const reports: TestReport[] = [
      {
        file: "reports/unit.xml",
        suites: [suite("unit", [passed("a"), passed("b"), passed("c")], { time: 0.3 })],
      },
    ];
    const result = renderTestCheck({
      reports,
      context: { artifactName: "sofie-results", junitGlob: "reports/*.xml" },
      level: { current: 2, name: "Built and tested", missing: [] },
      pullRequest: { number: 7, levelBefore: 1, levelAfter: 2 },
    });
    writeOutput("all-passed", result.summary);
    expect(result).toMatchObject({ title: "3 passed", conclusion: "success", truncated: false });
    expect(result.summary).toContain("Merging pull request #7 would raise the level from 1 to 2.");
    expect(result.summary).toContain("Nothing is missing for level 3.");
    expect(result.summary).not.toContain("### Failures");
  });

  it("fails a run without tests", () => {
    const result = renderTestCheck({ reports: [{ file: "r.xml", suites: [suite("empty", [])] }] });
    expect(result.title).toBe("No tests found");
    expect(result.conclusion).toBe("failure");
  });

  it("lists unreadable reports and fails the check even when the rest pass", () => {
    const result = renderTestCheck({
      reports: [{ file: "reports/ok.xml", suites: [suite("ok", [passed("a")])] }],
      parseProblems: [
        {
          file: "reports/broken.xml",
          line: 3,
          column: 7,
          message: "unclosed tag <testcase>",
          severity: "error",
        },
      ],
      context: CONTEXT,
    });
    writeOutput("parse-problems", result.summary);
    expect(result.title).toBe("1 passed, 1 report unreadable");
    expect(result.conclusion).toBe("failure");
    expect(result.summary).toContain("`reports/broken.xml:3:7` unclosed tag &lt;testcase&gt;");
    expect(markdownProblems(result.summary)).toEqual([]);
  });

  it("fails on a report the artifact reader refused, and lists the other entries it did not read", () => {
    const result = renderTestCheck({
      reports: [{ file: "reports/ok.xml", suites: [suite("ok", [passed("a"), passed("b")])] }],
      parseProblems: [
        {
          file: "reports/passwd.xml",
          line: 1,
          column: 1,
          message: "not read: a symbolic link; upload the report as a plain file",
          severity: "error",
        },
      ],
      notRead: [
        { name: "logs/latest.log", reason: "a symbolic link" },
        { name: "coverage/secret.zip", reason: "encrypted" },
      ],
      context: CONTEXT,
    });
    writeOutput("entries-not-read", result.summary);
    expect(result.title).toBe("2 passed, 1 report unreadable");
    expect(result.conclusion).toBe("failure");
    expect(result.summary).toContain("`reports/passwd.xml:1:1` not read: a symbolic link");
    expect(result.summary).toContain(
      "matches the manifest's `junit` glob, so they do not fail the check.\n\n- `logs/latest.log`: a symbolic link\n- `coverage/secret.zip`: encrypted",
    );
    expect(markdownProblems(result.summary)).toEqual([]);
  });

  it("ignores a run URL that could break out of the link", () => {
    const result = renderTestCheck({
      reports: realisticReports(),
      context: { ...CONTEXT, runUrl: "javascript:alert(1)//https://x)" },
    });
    expect(result.summary).not.toContain("javascript:");
  });

  it("titles totals with thousands separators and leaves out zero parts", () => {
    const totals = { tests: 1500, passed: 1234, failures: 0, errors: 0, skipped: 266, time: 1 };
    expect(testCheckTitle(totals)).toBe("1,234 passed, 266 skipped");
    expect(testCheckTitle({ ...totals, passed: 0, skipped: 0, errors: 1500 })).toBe(
      "0 passed, 1,500 errored",
    );
  });

  it("counts annotations and says when a pull request lowers the level or the top is reached", () => {
    const annotation = {
      path: "src/a.ts",
      start_line: 1,
      end_line: 1,
      annotation_level: "failure" as const,
      message: "x",
    };
    const result = renderTestCheck({
      reports: realisticReports(),
      annotations: [annotation, annotation],
      pullRequest: { number: 9, levelBefore: 3, levelAfter: 2 },
      level: { current: 7, name: "Operated", missing: [] },
    });
    expect(result.summary).toContain("📍 2 failures are annotated at the failing line in the code.");
    expect(result.summary).toContain("⬇️ Merging pull request #9 would lower the level from 3 to 2.");
    expect(result.summary).toContain("This is the top level.");
  });
});
