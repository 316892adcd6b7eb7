/**
 * Escaping untrusted text (test names, messages, file names from a partner's reports) so it
 * reads literally in GitHub-flavoured Markdown: no HTML, no links, no emphasis, no table breaks,
 * no @-mentions.
 */
import { neutralizeMentions } from "./neutralize-mentions.js";

// Control characters other than tab and newline have no business in a summary.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const SPECIAL = /[\\`*_[\]{}<>&|~!#]/g;

const REPLACEMENTS: Record<string, string> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
};

/** One line of inline Markdown showing `text` literally; newlines become spaces; mentions are broken. */
export function escapeMarkdown(text: string): string {
  const escaped = text
    .replace(CONTROL, "")
    .replace(/\r\n?|\n/g, " ")
    .replace(SPECIAL, (c) => REPLACEMENTS[c] ?? `\\${c}`)
    .replace(
      /^(\s*)([-+=]|\d+[.)])(?=\s|$)/,
      (_m, space: string, marker: string) =>
        // A leading list or heading marker would change the block; escape its punctuation.
        `${space}${marker.replace(/[-+=.)]/, (p) => `\\${p}`)}`,
    );
  return neutralizeMentions(escaped);
}

/** Text for a table cell: as `escapeMarkdown`, and never empty (an empty cell is fine, but reads as missing). */
export function escapeTableCell(text: string): string {
  const escaped = escapeMarkdown(text).trim();
  return escaped === "" ? " " : escaped;
}

/** Strips the control characters that must not reach a code block or a check run. */
export function stripControl(text: string): string {
  return text.replace(CONTROL, "").replace(/\r\n?/g, "\n");
}
