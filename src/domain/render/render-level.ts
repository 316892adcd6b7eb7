import { cutText } from "./cut-text.js";
import { escapeMarkdown } from "./markdown-escape.js";

/** The component's level as the check run shows it. */
export interface LevelInfo {
  readonly current: number;
  readonly name: string;
  /** What is missing for the next level, one requirement per entry. */
  readonly missing: readonly string[];
}

/** What a pull request would do to the level. */
export interface PullRequestLevel {
  readonly number: number;
  /** Level on the base branch now. */
  readonly levelBefore: number;
  /** Level the component would have with this pull request merged. */
  readonly levelAfter: number;
}

const MAX_ITEMS = 30;
const MAX_ITEM = 300;
const TOP_LEVEL = 7;

/** The level section: the current level and a checklist of what the next one needs. */
export function renderLevel(level: LevelInfo): string {
  const lines = [
    "### Maturity level",
    "",
    `**Level ${level.current}: ${escapeMarkdown(cutText(level.name, MAX_ITEM))}**`,
    "",
  ];
  if (level.current >= TOP_LEVEL) {
    lines.push("This is the top level.");
  } else if (level.missing.length === 0) {
    lines.push(`Nothing is missing for level ${level.current + 1}.`);
  } else {
    lines.push(`Missing for level ${level.current + 1}:`, "");
    for (const item of level.missing.slice(0, MAX_ITEMS)) {
      lines.push(`- [ ] ${escapeMarkdown(cutText(item, MAX_ITEM))}`);
    }
    if (level.missing.length > MAX_ITEMS) lines.push(`- … and ${level.missing.length - MAX_ITEMS} more`);
  }
  return lines.join("\n");
}

/** One sentence on what merging the pull request would do to the level. */
export function renderPullRequestLevel(pr: PullRequestLevel): string {
  const { number, levelBefore: before, levelAfter: after } = pr;
  if (after > before)
    return `⬆️ Merging pull request #${number} would raise the level from ${before} to ${after}.`;
  if (after < before)
    return `⬇️ Merging pull request #${number} would lower the level from ${before} to ${after}.`;
  return `Merging pull request #${number} would keep the level at ${before}.`;
}
