/**
 * A problem found in a file the product reads: the one shape validators, parsers and
 * checks report in, so that the CLI prints `file:line:col message` and the check run
 * turns each one into an annotation.
 */
export interface Problem {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly message: string;
  readonly severity: "error" | "warning";
  /** Dotted path of the offending value (`images[0].ports[1].env`), when there is one. */
  readonly path?: string;
}

/** `file:line:col message`, the format every CLI command prints problems in. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.message}`;
}
