import type { TestReport, TestSuite, TestTotals } from "./test-results.js";

/**
 * Totals over every case of every report, nested suites included. Derived from the cases so
 * that they are never stored twice and can never disagree with what the check run lists.
 *
 * `time` is the sum of the top-level suites' own times; a suite that states none contributes
 * the sum of its cases' times (nested suites included).
 */
export function summarize(reports: readonly TestReport[]): TestTotals {
  const counts = { tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0 };
  let time = 0;
  for (const report of reports) {
    for (const suite of report.suites) {
      const caseTime = countSuite(suite, counts);
      time += suite.time ?? caseTime;
    }
  }
  return { ...counts, time };
}

interface Counts {
  tests: number;
  passed: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** Adds the suite's cases to `counts` and returns the sum of their times. Iterative: nesting depth is input. */
function countSuite(root: TestSuite, counts: Counts): number {
  let time = 0;
  const stack: TestSuite[] = [root];
  for (let suite = stack.pop(); suite !== undefined; suite = stack.pop()) {
    for (const testCase of suite.cases) {
      counts.tests++;
      if (testCase.outcome === "passed") counts.passed++;
      else if (testCase.outcome === "failed") counts.failures++;
      else if (testCase.outcome === "error") counts.errors++;
      else counts.skipped++;
      time += testCase.time ?? 0;
    }
    for (const child of suite.suites) stack.push(child);
  }
  return time;
}
