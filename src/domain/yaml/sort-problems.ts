import type { Problem } from "../problem.js";

/** Most problems reported for one file; past this the rest is summarised in one last problem. */
export const MAX_PROBLEMS = 100;

/**
 * Orders problems by line then column (stable for ties) and caps their number, so that a hostile
 * file cannot produce an unbounded report.
 */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  if (sorted.length <= MAX_PROBLEMS) return sorted;
  const kept = sorted.slice(0, MAX_PROBLEMS);
  const lastKept = kept[kept.length - 1];
  kept.push({
    file: lastKept?.file ?? "",
    line: lastKept?.line ?? 1,
    column: lastKept?.column ?? 1,
    message: `${sorted.length - MAX_PROBLEMS} more problems not shown; fix the ones above first`,
    severity: "error",
  });
  return kept;
}
