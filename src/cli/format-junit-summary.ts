import type { TestCase, TestReport, TestSuite, TestTotals } from "../domain/junit/test-results.js";

/** How many failures the human summary lists before saying how many more there are. */
const MAX_LISTED = 20;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** `142 passed, 2 failed, 1 error, 3 skipped`: the headline, as the check-run title reads. */
export function headline(totals: TestTotals): string {
  const parts = [`${totals.passed} passed`, `${totals.failures} failed`];
  if (totals.errors > 0) parts.push(plural(totals.errors, "error"));
  parts.push(`${totals.skipped} skipped`);
  return parts.join(", ");
}

function* faulty(suites: readonly TestSuite[], path: string[]): Generator<[string, TestCase]> {
  for (const suite of suites) {
    const here = suite.name === "" ? path : [...path, suite.name];
    for (const testCase of suite.cases) {
      if (testCase.outcome === "failed" || testCase.outcome === "error") yield [here.join(" › "), testCase];
    }
    yield* faulty(suite.suites, here);
  }
}

/** The readable summary `sofie-bot junit` prints without `--json`. */
export function formatJunitSummary(reports: readonly TestReport[], totals: TestTotals): string {
  const lines = [
    `${headline(totals)} (${plural(totals.tests, "test")} in ${plural(reports.length, "report")})`,
  ];
  let listed = 0;
  let more = 0;
  for (const report of reports) {
    for (const [suite, testCase] of faulty(report.suites, [])) {
      if (listed === MAX_LISTED) {
        more++;
        continue;
      }
      listed++;
      const where =
        testCase.file === undefined
          ? report.file
          : `${testCase.file}${testCase.line ? `:${testCase.line}` : ""}`;
      const label = testCase.outcome === "failed" ? "FAILED" : "ERROR ";
      // The classname says where in a suite named after a file or a tool ("pytest"); skip it when it repeats the suite.
      const path = [
        suite,
        testCase.classname === suite.split(" › ").at(-1) ? "" : testCase.classname,
        testCase.name,
      ];
      lines.push("", `${label} ${path.filter(Boolean).join(" › ")}  (${where})`);
      const message = testCase.fault?.message ?? testCase.fault?.details?.split("\n")[0];
      if (message) lines.push(`       ${message.split("\n")[0]}`);
    }
  }
  if (more > 0) lines.push("", `... and ${more} more`);
  return `${lines.join("\n")}\n`;
}
