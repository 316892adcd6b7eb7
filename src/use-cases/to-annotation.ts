import type { Problem } from "../domain/problem.js";
import type { CheckAnnotation } from "../domain/render/check-annotation.js";

/** A problem in a repository file as a check-run annotation at its line. */
export function toAnnotation(problem: Problem): CheckAnnotation {
  return {
    path: problem.file,
    start_line: problem.line,
    end_line: problem.line,
    annotation_level: problem.severity === "error" ? "failure" : "warning",
    message: problem.message.slice(0, 4000),
  };
}
