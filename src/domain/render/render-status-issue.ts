import { GITHUB_TEXT_LIMIT } from "../limits.js";
import type { MaturityEvaluation } from "../maturity/maturity-evaluation.js";
import { inlineCode } from "./code-block.js";
import { cutText } from "./cut-text.js";
import { inlineText } from "./inline-text.js";
import { renderLoweredWarning } from "./render-lowered-warning.js";
import { renderMarker } from "./marker.js";
import { contentHash } from "../content-hash.js";
import { describeGate, renderLevelChecklist, type ChecklistOptions } from "./render-level-checklist.js";

/** One row of the command table. */
export interface StatusIssueCommand {
  readonly command: string;
  readonly who: string;
  readonly effect: string;
}

export interface StatusIssueInput {
  /** `owner/name`. */
  readonly repoFullName: string;
  /** The manifest's component name, when known. */
  readonly component?: string;
  readonly evaluation: MaturityEvaluation;
  /** Usually `COMMANDS` from domain/commands. */
  readonly commands: readonly StatusIssueCommand[];
  /** ISO time shown in the footer; left out of the hash so that time alone never causes a write. */
  readonly updatedAt?: string;
}

export interface StatusIssue {
  readonly title: string;
  readonly body: string;
  /** The content hash also embedded as `<!-- sofie:hash=... -->`. */
  readonly hash: string;
  /** True when the body had to be shortened to fit GitHub's limit. */
  readonly truncated: boolean;
}

/** Marker that identifies the status issue among a repository's issues. */
export const STATUS_ISSUE_MARKER = "status-issue";
/** Room kept for the markers and footer added around the content. */
const FRAME = 400;

/**
 * The status issue of a repository (one per repository, updated in place, like Renovate's
 * Dependency Dashboard): the current level up front, what is next and who does it, a
 * checklist of every requirement per level with its reason, and the command table.
 *
 * The body starts with `<!-- sofie:status-issue -->` (to find the issue) and
 * `<!-- sofie:hash=... -->` (compare with `readMarker(old, "hash")` and skip the write when
 * equal). When too long for GitHub it is re-rendered compact (reasons of met requirements
 * dropped, shorter reasons), then cut with a note; `truncated` says so.
 */
export function renderStatusIssue(input: StatusIssueInput): StatusIssue {
  const { evaluation } = input;
  const title = `SOFIE status: level ${evaluation.level} (${inlineText(evaluation.levelName, { max: 60 })})`;
  const attempts: ChecklistOptions[] = [
    { detail: "full", reasonChars: 500 },
    { detail: "compact", reasonChars: 200 },
  ];
  let content = "";
  let truncated = false;
  for (const [index, options] of attempts.entries()) {
    content = renderContent(input, options);
    truncated = index > 0;
    if (content.length <= GITHUB_TEXT_LIMIT - FRAME) break;
  }
  if (content.length > GITHUB_TEXT_LIMIT - FRAME) {
    const note = "\n\n_…cut to fit GitHub's size limit: comment `/status` for the rest._";
    content = content.slice(0, GITHUB_TEXT_LIMIT - FRAME - note.length) + note;
    truncated = true;
  }
  const hash = contentHash(title, content);
  const footer = input.updatedAt
    ? `\n\n---\n<sub>Updated ${inlineText(input.updatedAt, { max: 40 })} by the SOFIE Integration Bot. This issue is rewritten on every change: edits are lost.</sub>`
    : "\n\n---\n<sub>Kept up to date by the SOFIE Integration Bot. This issue is rewritten on every change: edits are lost.</sub>";
  const body = `${renderMarker(STATUS_ISSUE_MARKER)}\n${renderMarker("hash", hash)}\n\n${content}${footer}\n`;
  return { title, body, hash, truncated };
}

function renderContent(input: StatusIssueInput, options: ChecklistOptions): string {
  const { evaluation } = input;
  const top = evaluation.levels.length;
  const who = input.component
    ? `${inlineCode(cutText(input.component, 63))} in ${inlineText(input.repoFullName, { max: 140 })}`
    : inlineText(input.repoFullName, { max: 140 });
  const bar = Array.from({ length: top }, (_, i) => (i < evaluation.level ? "🟩" : "⬜")).join("");
  const parts: string[] = [
    `# SOFIE status of ${who}`,
    `## Level ${evaluation.level} of ${top}: ${inlineText(evaluation.levelName, { max: 60 })}\n\n${bar}`,
  ];
  if (evaluation.lowered) parts.push(renderLoweredWarning(evaluation));
  if (evaluation.held)
    parts.push(
      "> [!NOTE]\n> Automatic promotions are **on hold**. A maintainer comments `/unhold` to release them.",
    );
  const next = evaluation.next;
  if (next) {
    const missing = next.missing.map((m) => `- ${inlineText(m, { max: options.reasonChars })}`);
    parts.push(
      `## Next: level ${next.level}, ${inlineText(next.name, { max: 60 })}\n\n` +
        `Who takes it there: ${describeGate(next.gate)}\n\n` +
        (missing.length > 0 ? `Still missing:\n\n${missing.join("\n")}` : "Everything it needs holds."),
    );
  } else {
    parts.push("## Top of the ladder\n\nEvery level holds.");
  }
  parts.push(`## Checklist\n\n${renderLevelChecklist(evaluation, options)}`);
  const rows = input.commands.map(
    (c) =>
      `| \`${inlineText(c.command, { max: 80, table: true })}\` | ${inlineText(c.who, { max: 80, table: true })} | ${inlineText(c.effect, { max: 300, table: true })} |`,
  );
  parts.push(
    `## Commands\n\nComment on this issue (or any issue or pull request of this repository):\n\n| command | who may | effect |\n|---|---|---|\n${rows.join("\n")}`,
  );
  return parts.join("\n\n");
}
