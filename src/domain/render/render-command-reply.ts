import type { CommandInfo } from "../commands/commands.js";
import type { MaturityEvaluation } from "../maturity/maturity-evaluation.js";
import { MANIFEST_PATH } from "../names.js";
import { inlineCode } from "./code-block.js";
import { neutralizeMarkdownMentions } from "./neutralize-mentions.js";
import { renderLevelChecklist } from "./render-level-checklist.js";

/** One command's outcome, as the reply shows it. */
export interface CommandReplyResult {
  readonly command: string;
  readonly outcome: "done" | "refused" | "unavailable" | "invalid";
  readonly message: string;
}

const ICON = { done: "✅", refused: "⛔", unavailable: "🚧", invalid: "❓" } as const;
/** Marks the bot's replies to commands. */
export const COMMAND_REPLY_MARKER = "<!-- sofie:command-reply -->";

/** The reply posted before the commands run (a promotion reports its progress in it): who asked, and what is being done. */
export function renderPendingReply(author: string, commands: readonly string[]): string {
  const pending = commands.map((command) => `\`${command}\``).join(", ");
  return `@${author} ⏳ working on ${pending || "your comment"}…`;
}

/**
 * The reply: the author's mention, then each result. Messages echo the comment (an unknown
 * target), the manifest, images.json and reasons from evidence, so every mention in them is
 * broken; the author's is the reply's only live one.
 */
export function renderCommandReply(author: string, results: readonly CommandReplyResult[]): string {
  const parts = results.map(
    (r) => `${ICON[r.outcome]} \`${r.command.replace(/`/g, "'").slice(0, 100)}\`\n\n${r.message}`,
  );
  return `@${author}\n\n${neutralizeMarkdownMentions(parts.join("\n\n---\n\n"))}\n\n${COMMAND_REPLY_MARKER}`;
}

/** `/help`: every command, who may run it and what it does. */
export function renderHelpTable(commands: readonly CommandInfo[]): string {
  const rows = commands.map((c) => `| \`${c.command}\` | ${c.who} | ${c.effect} |`);
  return ["| command | who may | effect |", "|---|---|---|", ...rows].join("\n");
}

/**
 * `/status` (and `/retry`, which queues `retried` failed promotions first): the level, the
 * next one, and the checklist; or why there is nothing to evaluate.
 */
export function renderStatusReply(evaluation: MaturityEvaluation | undefined, retried = 0): string {
  const again = retried > 0 ? `Queued ${retried} failed promotion${retried === 1 ? "" : "s"} again.\n\n` : "";
  if (!evaluation)
    return `${again}Nothing to evaluate yet: this repository has no valid ${inlineCode(MANIFEST_PATH)}.`;
  const next = evaluation.next ? `\n\nNext: level ${evaluation.next.level} (${evaluation.next.name}).` : "";
  return `${again}Level ${evaluation.level}: ${evaluation.levelName}.${next}\n\n${renderLevelChecklist(evaluation, { detail: "compact", reasonChars: 300 })}`;
}
