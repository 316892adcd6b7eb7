import type { Problem } from "../problem.js";
import type { CheckAnnotation } from "./check-annotation.js";
import { cutText } from "./cut-text.js";
import { neutralizeMentions } from "./neutralize-mentions.js";

/** Longest message of a problem's annotation: a problem is one finding, said in a few lines. */
const MAX_PROBLEM_MESSAGE = 4000;

/** A problem in a repository file as a check-run annotation at its line; the message echoes the file, so mentions are broken. */
export function toAnnotation(problem: Problem): CheckAnnotation {
  return {
    path: problem.file,
    start_line: problem.line,
    end_line: problem.line,
    annotation_level: problem.severity === "error" ? "failure" : "warning",
    message: neutralizeMentions(cutText(problem.message, MAX_PROBLEM_MESSAGE)),
  };
}
