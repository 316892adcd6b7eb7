import type { TestCase, TestReport } from "../../../src/domain/junit/test-results.js";
import { renderTestCheck } from "../../../src/domain/render/render-test-check.js";
import { markdownProblems } from "./markdown-checks.js";
import { hugeReport, passed, realisticReports, suite, writeOutput } from "./sample-reports.js";

const NOTE_END = "run `sofie-bot junit` on the artifact for all of them._";

describe("renderTestCheck within GitHub's summary limit", () => {
  it("cuts 100,000 cases with 5,000 failures of 10 KiB traces to fit, ending with a note", () => {
    const report = hugeReport(100_000, 100, 20, 10 * 1024);
    const result = renderTestCheck({ reports: [report] });
    writeOutput("huge", result.summary);
    expect(result.title).toBe("95,000 passed, 5,000 failed");
    expect(result.conclusion).toBe("failure");
    expect(result.truncated).toBe(true);
    expect(result.summary.length).toBeLessThanOrEqual(65535);
    expect(result.summary.length).toBeGreaterThan(50_000); // the budget is used, not wasted
    expect(result.summary).toMatch(
      /_… [\d,]+ more failures not shown \(summary cut to fit GitHub's 65,535-character limit\)/,
    );
    expect(result.summary.endsWith(NOTE_END)).toBe(true);
    expect(result.summary).toContain("… 1 more line not shown".slice(0, 2)); // traces are shortened
    expect(markdownProblems(result.summary)).toEqual([]);
  });

  it("lists only failing suites when that is enough", () => {
    // 2,000 passing suites make the table too long; the one failure fits.
    const suites = Array.from({ length: 2000 }, (_, i) =>
      suite(`com.acme.passing.VeryLongSuiteNameNumber${i}`, [passed("a"), passed("b")]),
    );
    const failing: TestCase = {
      name: "fails",
      outcome: "failed",
      fault: { kind: "failure", message: "nope", details: "trace", truncated: false },
    };
    const reports: TestReport[] = [
      { file: "r.xml", suites: [...suites, suite("com.acme.Failing", [failing])] },
    ];
    const result = renderTestCheck({ reports });
    expect(result.truncated).toBe(true);
    expect(result.summary).toContain("### Failing suites");
    expect(result.summary).toContain("_2,000 passing suites are not listed");
    expect(result.summary).toContain("#### ❌ com.acme.Failing › fails");
    expect(result.summary).not.toContain("more failures not shown");
    expect(markdownProblems(result.summary)).toEqual([]);
  });

  it("cuts when even the failing suites alone are too big: 3,000 failing suites with 20 KiB traces", () => {
    const report = hugeReport(3000, 1, 1, 20 * 1024);
    const result = renderTestCheck({
      reports: [report],
      level: { current: 1, name: "Connected", missing: ["tests pass"] },
    });
    writeOutput("over-budget-failing-only", result.summary);
    expect(result.truncated).toBe(true);
    expect(result.summary.length).toBeLessThanOrEqual(65535);
    expect(result.summary).toMatch(/_… [\d,]+ more suites of this report not listed._/);
    expect(result.summary).toContain("more failures not shown");
    // The level survives the cut.
    expect(result.summary.endsWith("- [ ] tests pass")).toBe(true);
    expect(markdownProblems(result.summary)).toEqual([]);
  });

  it("keeps any budget it is given and stays well formed", () => {
    const reports = [...realisticReports(), hugeReport(2000, 10, 3, 3000)];
    for (const max of [200, 500, 1000, 2000, 5000, 12_345, 30_000]) {
      const result = renderTestCheck({ reports }, { maxSummaryBytes: max });
      expect(result.summary.length).toBeLessThanOrEqual(max);
      expect(result.truncated).toBe(true);
      expect(markdownProblems(result.summary)).toEqual([]);
    }
  });

  it("renders 100,000 passing cases as a table per suite, not per case", () => {
    const report = hugeReport(100_000, 1000, Infinity, 0);
    const result = renderTestCheck({ reports: [report] });
    expect(result).toMatchObject({ title: "100,000 passed", conclusion: "success", truncated: false });
    expect(result.summary.split("\n").filter((l) => l.startsWith("| ✅")).length).toBe(100);
  });
});
