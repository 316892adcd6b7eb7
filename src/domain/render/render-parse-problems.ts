import type { Problem } from "../problem.js";
import { inlineCode } from "./code-block.js";
import { cutText } from "./cut-text.js";
import { formatCount } from "./format-duration.js";
import { escapeMarkdown } from "./markdown-escape.js";

const MAX_ITEMS = 20;
const MAX_PATH = 200;
const MAX_MESSAGE = 300;

/**
 * The section listing report files that could not be read (malformed, or an entry the artifact
 * reader refused), as `file:line:col reason`. They are
 * files in the CI artifact, not in the repository, so they are listed here rather than annotated.
 * Bounded: at most 20 entries, each cut, so the section cannot crowd out the failures.
 */
export function renderParseProblems(problems: readonly Problem[]): string {
  if (problems.length === 0) return "";
  const count = problems.length;
  const lines = [
    `### ⚠️ ${count === 1 ? "1 report" : `${formatCount(count)} reports`} could not be read`,
    "",
    "These files are in the results artifact. Their tests are not counted, so the check fails until they can be read.",
    "",
  ];
  for (const problem of problems.slice(0, MAX_ITEMS)) {
    const where = `${cutText(problem.file, MAX_PATH)}:${problem.line}:${problem.column}`;
    lines.push(`- ${inlineCode(where)} ${escapeMarkdown(cutText(problem.message, MAX_MESSAGE))}`);
  }
  if (count > MAX_ITEMS) lines.push(`- … and ${formatCount(count - MAX_ITEMS)} more`);
  lines.push(
    "",
    "Run `sofie-bot junit <file>` on a file for the full reason; make the test runner write well-formed JUnit XML.",
  );
  return lines.join("\n");
}
