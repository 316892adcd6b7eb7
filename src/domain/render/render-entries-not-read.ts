import { inlineCode } from "./code-block.js";
import { cutText } from "./cut-text.js";
import { formatCount } from "./format-duration.js";
import { escapeMarkdown } from "./markdown-escape.js";

/** An entry of the results artifact that the reader refused (a symbolic link, encrypted, over a cap), and why. */
export interface EntryNotRead {
  readonly name: string;
  readonly reason: string;
}

const MAX_LISTED = 20;
const MAX_NAME = 200;

/**
 * The `### Files not read (N)` section: every entry of the artifact the bot refused to read,
 * with why, so that nothing in the artifact is dropped without a word. Only entries the `junit`
 * glob does not match belong here: a matching one is an unreadable report (see
 * `renderParseProblems`). Bounded (20 listed, each cut) so that a hostile artifact cannot crowd
 * out the results. Empty for none.
 */
export function renderEntriesNotRead(entries: readonly EntryNotRead[]): string {
  if (entries.length === 0) return "";
  const lines = [
    `### Files not read (${formatCount(entries.length)})`,
    "",
    "The bot does not read these entries of the artifact. None matches the manifest's `junit` glob, so they do not fail the check.",
    "",
  ];
  for (const entry of entries.slice(0, MAX_LISTED)) {
    lines.push(
      `- ${inlineCode(cutText(entry.name, MAX_NAME))}: ${escapeMarkdown(cutText(entry.reason, MAX_NAME))}`,
    );
  }
  if (entries.length > MAX_LISTED) lines.push(`- … and ${formatCount(entries.length - MAX_LISTED)} more`);
  return lines.join("\n");
}
