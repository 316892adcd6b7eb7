import type { TestCase, TestReport, TestSuite } from "../junit/test-results.js";

/** One row of a suite table: a suite's own cases (nested suites get rows of their own). */
export interface SuiteRow {
  readonly report: string;
  /** Names from the top-level suite down to this one. */
  readonly path: readonly string[];
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly skipped: number;
  /** Seconds: the suite's own time, else the sum of its cases' times. */
  readonly time: number;
}

/** A failing or erroring case with where it sits. */
export interface FailureEntry {
  readonly report: string;
  readonly path: readonly string[];
  readonly testCase: TestCase;
}

/**
 * Walks every suite of `report` depth-first, in document order, calling `visit` with its path.
 * Iterative, because nesting depth comes from untrusted input.
 */
export function walkSuites(
  report: TestReport,
  visit: (suite: TestSuite, path: readonly string[]) => void,
): void {
  const stack: { suite: TestSuite; path: readonly string[] }[] = [];
  for (let i = report.suites.length - 1; i >= 0; i--) {
    const suite = report.suites[i]!;
    stack.push({ suite, path: [suite.name] });
  }
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    visit(item.suite, item.path);
    const children = item.suite.suites;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      stack.push({ suite: child, path: childPath(item.path, child.name) });
    }
  }
}

const MAX_PATH = 12;

/** The path of a nested suite; very deep ones keep their ends, so copying stays cheap. */
function childPath(parent: readonly string[], name: string): readonly string[] {
  if (parent.length < MAX_PATH) return [...parent, name];
  return [parent[0]!, "…", ...parent.slice(parent.length - MAX_PATH + 3), name];
}

/** The table rows of one report: one per suite that holds cases directly. */
export function suiteRows(report: TestReport): SuiteRow[] {
  const rows: SuiteRow[] = [];
  walkSuites(report, (suite, path) => {
    if (suite.cases.length === 0 && suite.suites.length > 0) return; // a mere container
    let passed = 0;
    let failed = 0;
    let errors = 0;
    let skipped = 0;
    let caseTime = 0;
    for (const testCase of suite.cases) {
      if (testCase.outcome === "passed") passed++;
      else if (testCase.outcome === "failed") failed++;
      else if (testCase.outcome === "error") errors++;
      else skipped++;
      caseTime += testCase.time ?? 0;
    }
    rows.push({ report: report.file, path, passed, failed, errors, skipped, time: suite.time ?? caseTime });
  });
  return rows;
}

/** Every failing or erroring case of `reports`, in document order. */
export function failureEntries(reports: readonly TestReport[]): FailureEntry[] {
  const entries: FailureEntry[] = [];
  for (const report of reports) {
    walkSuites(report, (suite, path) => {
      for (const testCase of suite.cases) {
        if (testCase.outcome === "failed" || testCase.outcome === "error") {
          entries.push({ report: report.file, path, testCase });
        }
      }
    });
  }
  return entries;
}
