import type { Problem } from "../problem.js";
import { JunitParseError } from "./junit-parse-error.js";
import { parseJunit } from "./parse-junit.js";
import { summarize } from "./summarize.js";
import type { TestReport, TestTotals } from "./test-results.js";
import { toProblem } from "./to-problem.js";

/** Files that may hold JUnit reports: a results artifact's entries, a local checkout, files named on a command line. */
export interface ReportFiles {
  /** Every file there is, by name. */
  readonly names: readonly string[];
  /** Files there are but that will not be read (a link, an encrypted entry, one over a cap), and why. */
  readonly refused?: readonly { readonly name: string; readonly reason: string }[];
  /** Streams a file's bytes; reading errors surface while iterating. */
  read(name: string): AsyncIterable<Uint8Array>;
  /**
   * Why a file could not be read, in one line, when the error is one the files' owner can
   * explain (a cap passed, no such file); any other error is thrown.
   */
  readError?(name: string, error: unknown): string | undefined;
}

/** A report that could not be used: a parse error at its position, or a file that could not be read at all. */
export interface ReportProblem extends Problem {
  /** True when the file could not be read (refused or failing): the problem is about the whole file, at 1:1. */
  readonly unread?: true;
}

export interface CollectedReports {
  /** How many files the selection names, read or not. */
  readonly matched: number;
  readonly reports: readonly TestReport[];
  /** In the order of the files: refused ones first, then each failing one. */
  readonly problems: readonly ReportProblem[];
  /** Refused files the selection does not name: listed, but no reason to fail. */
  readonly notRead: readonly { readonly name: string; readonly reason: string }[];
  readonly totals: TestTotals;
}

/**
 * The one report collector, shared by the test-results check run and the CLI (`sofie-bot junit`,
 * `sofie-bot check`): parses each file `select` names (see `reportMatcher` for the manifest's
 * glob), collecting every problem rather than stopping at the first, and sums the results.
 * Pure like the parser: the files come as streams from whoever can read them.
 */
export async function collectReports(
  files: ReportFiles,
  select: (name: string) => boolean = () => true,
): Promise<CollectedReports> {
  const refused = files.refused ?? [];
  const selected = files.names.filter((name) => select(name));
  // A refused file the selection names might hide failures: it counts as an unreadable report.
  const refusedReports = refused.filter((entry) => select(entry.name));
  const problems: ReportProblem[] = refusedReports.map((entry) =>
    unread(entry.name, `not read: ${entry.reason}; upload the report as a plain file`),
  );
  const reports: TestReport[] = [];
  for (const name of selected) {
    try {
      reports.push(await parseJunit(files.read(name), { file: name }));
    } catch (error) {
      if (error instanceof JunitParseError) {
        problems.push(toProblem(error));
        continue;
      }
      const reason = files.readError?.(name, error);
      if (reason === undefined) throw error;
      problems.push(unread(name, reason));
    }
  }
  return {
    matched: selected.length + refusedReports.length,
    reports,
    problems,
    notRead: refused.filter((entry) => !select(entry.name)),
    totals: summarize(reports),
  };
}

function unread(file: string, message: string): ReportProblem {
  return { file, line: 1, column: 1, message, severity: "error", unread: true };
}
