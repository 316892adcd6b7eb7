import { renderNoReports } from "../../../src/domain/render/render-no-reports.js";
import { markdownProblems } from "./markdown-checks.js";
import { writeOutput } from "./sample-reports.js";

const BASE = { junitGlob: "reports/**/*.xml", artifactName: "sofie-results" };

describe("renderNoReports", () => {
  it("explains a missing artifact", () => {
    const result = renderNoReports({ ...BASE, found: [], reason: "no-artifact" });
    writeOutput("no-artifact", result.summary);
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("No test results: the run has no artifact sofie-results");
    expect(result.summary).toContain("uploaded no artifact named `sofie-results`");
    expect(result.summary).toContain("### How to fix");
  });

  it("lists the first 50 files seen when nothing matches", () => {
    const found = Array.from({ length: 75 }, (_, i) => `test-results/TEST-${i}.xml`);
    const rejected = [{ name: "logs/latest.log", reason: "a symbolic link" }];
    const result = renderNoReports({ ...BASE, found, reason: "no-match", rejected });
    writeOutput("no-match", result.summary);
    expect(result.title).toBe("No test results: no report matches the manifest");
    expect(result.summary).toContain("No file in the artifact `sofie-results` matches `reports/**/*.xml`.");
    expect(result.summary).toContain("### Files in the artifact (75)");
    expect(result.summary).toContain("- `test-results/TEST-49.xml`");
    expect(result.summary).not.toContain("TEST-50.xml");
    expect(result.summary).toContain("- … and 25 more");
    expect(result.summary).toContain("### Files not read (1)");
    expect(result.summary).toContain("- `logs/latest.log`: a symbolic link");
    expect(markdownProblems(result.summary)).toEqual([]);
  });

  it("says when the reports held no test", () => {
    const result = renderNoReports({ ...BASE, found: ["reports/empty.xml"], reason: "empty" });
    writeOutput("no-tests", result.summary);
    expect(result.title).toBe("No tests found");
    expect(result.summary).toContain("hold no test case");
  });

  it("shows hostile file names literally", () => {
    const result = renderNoReports({
      junitGlob: "`**`/*.xml",
      artifactName: "<script>",
      found: ["a`b<c>|d.xml", "x".repeat(10_000)],
      reason: "no-match",
    });
    expect(markdownProblems(result.summary)).toEqual([]);
    expect(result.summary).toContain("``a`b<c>|d.xml``");
    expect(result.summary.length).toBeLessThan(3000);
  });
});
