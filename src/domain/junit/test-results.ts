/**
 * The result model every JUnit dialect is read into. Totals are derived from the cases
 * (see `summarize`), never stored twice.
 */

/** How one test case ended. A case counts once: failure, else error, else skipped, else passed. */
export type CaseOutcome = "passed" | "failed" | "error" | "skipped";

/** The `<failure>` or `<error>` of a case. Text is kept only here, and truncated. */
export interface CaseFault {
  readonly kind: "failure" | "error";
  readonly type?: string;
  readonly message?: string;
  /** Body of the element (usually the stack trace), cut at the parser's text limit. */
  readonly details?: string;
  /** True when `message` or `details` was cut. */
  readonly truncated: boolean;
}

export interface TestCase {
  readonly name: string;
  readonly classname?: string;
  /** `file` attribute when the report has one (pytest, Playwright, Cypress, jest-junit with addFileAttribute). */
  readonly file?: string;
  readonly line?: number;
  /** Seconds. */
  readonly time?: number;
  readonly outcome: CaseOutcome;
  readonly fault?: CaseFault;
  /** `<skipped message=...>` text, when skipped. */
  readonly skipMessage?: string;
  /** Count of Surefire `flakyFailure`/`flakyError` reruns before the case passed. */
  readonly flakyRuns?: number;
}

export interface TestSuite {
  readonly name: string;
  readonly file?: string;
  /** Seconds. */
  readonly time?: number;
  readonly cases: readonly TestCase[];
  /** Nested `<testsuite>` elements (CTest, Bazel, PHPUnit and others nest them). */
  readonly suites: readonly TestSuite[];
}

/** One parsed report file. */
export interface TestReport {
  /** Path of the report as the caller named it (inside the artifact, or on the command line). */
  readonly file: string;
  readonly suites: readonly TestSuite[];
}

export interface TestTotals {
  readonly tests: number;
  readonly passed: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
  /** Seconds, summed over top-level suites where they say. */
  readonly time: number;
}
