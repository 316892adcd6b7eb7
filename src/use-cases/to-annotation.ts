import type { Problem } from "../domain/problem.js";
import type { CheckAnnotation } from "../domain/render/check-annotation.js";
import { neutralizeMentions } from "../domain/render/neutralize-mentions.js";

/** A problem in a repository file as a check-run annotation at its line; the message echoes the file, so mentions are broken. */
export function toAnnotation(problem: Problem): CheckAnnotation {
  return {
    path: problem.file,
    start_line: problem.line,
    end_line: problem.line,
    annotation_level: problem.severity === "error" ? "failure" : "warning",
    message: neutralizeMentions(problem.message.slice(0, 4000)),
  };
}
