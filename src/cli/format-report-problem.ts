import { formatProblem } from "../domain/problem.js";
import type { ReportProblem } from "../domain/junit/collect-reports.js";

/**
 * A report problem on one line, whatever the error (the CLI contract promises a one-line
 * reason): `file:line:col reason` at its position, `file: reason` for a file not read at all.
 */
export function formatReportProblem(problem: ReportProblem): string {
  const text = problem.unread ? `${problem.file}: ${problem.message}` : formatProblem(problem);
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** Why a file could not be read, in words: `no such file`, `permission denied`. */
export function readError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory, expected a JUnit XML file";
  if (code === "EACCES") return "permission denied";
  return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
}
