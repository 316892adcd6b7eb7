import type { Problem } from "../problem.js";
import type { JunitParseError } from "./junit-parse-error.js";

/** The `Problem` a JUnit parse error becomes, so it can be printed or annotated like any other. */
export function toProblem(err: JunitParseError): Problem {
  return { file: err.file, line: err.line, column: err.column, message: err.reason, severity: "error" };
}
