import type { TestReport, TestSuite, TestTotals } from "./test-results.js";

interface MutableTotals {
  tests: number;
  passed: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

function addCases(suite: TestSuite, totals: MutableTotals): void {
  for (const testCase of suite.cases) {
    totals.tests++;
    if (testCase.outcome === "passed") totals.passed++;
    else if (testCase.outcome === "failed") totals.failures++;
    else if (testCase.outcome === "error") totals.errors++;
    else totals.skipped++;
  }
  for (const child of suite.suites) addCases(child, totals);
}

/**
 * Totals over reports, derived from the cases (recursively through nested suites) so they
 * never disagree with the cases. The `tests=`/`failures=` attributes of the XML are ignored:
 * tools get them wrong (Surefire reruns, skipped counted as tests or not).
 * Time sums top-level suites only, since nested suites' times are included in their parent's.
 */
export function summarize(reports: readonly TestReport[]): TestTotals {
  const totals: MutableTotals = { tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  for (const report of reports) {
    for (const suite of report.suites) {
      addCases(suite, totals);
      totals.time += suite.time ?? 0;
    }
  }
  totals.time = Math.round(totals.time * 1000) / 1000;
  return totals;
}
