import { GITHUB_TEXT_LIMIT } from "../limits.js";
import type { MaturityEvaluation } from "../maturity/maturity-evaluation.js";
import type { PullRequestEffect } from "../maturity/evaluate-pull-request.js";
import { inlineCode } from "./code-block.js";
import { inlineText } from "./inline-text.js";
import { renderLoweredWarning } from "./render-lowered-warning.js";
import { describeGate, renderLevelChecklist, type ChecklistOptions } from "./render-level-checklist.js";

export interface MaturityCheck {
  /** Check-run output title: "Level 2: Built and tested", or "Level 1 → 2: Built and tested" for a PR that changes it. */
  readonly title: string;
  /** Check-run output summary (Markdown, under 65,535 characters). */
  readonly summary: string;
  readonly conclusion: "success" | "neutral" | "failure";
  /** True when the summary had to be shortened. */
  readonly truncated: boolean;
}

export interface MaturityCheckOptions {
  /**
   * The level ratchet of SPEC "Later": when true, a pull request that would lower the level
   * fails. Off by default, so today such a PR is `neutral` and says so.
   */
  readonly ratchet?: boolean;
}

/** The level from which the check is green: CI maturity (built and tested) is reached. */
export const SUCCESS_LEVEL = 2;

/**
 * The maturity check run. `evaluation` is what the check shows: for a pull request, the
 * evaluation with the PR's evidence; `pr` adds what the PR would do to the level.
 *
 * Conclusion (a choice, documented here): `success` when the level shown is at least 2
 * (built and tested: the CI half of the ladder the developers own is done); `neutral` below
 * that, because levels 0-1 are a normal state for a new component and must not block merges;
 * `failure` only when `options.ratchet` is on and the PR would lower the level.
 */
export function renderMaturityCheck(
  evaluation: MaturityEvaluation,
  pr?: PullRequestEffect,
  options: MaturityCheckOptions = {},
): MaturityCheck {
  const name = inlineText(evaluation.levelName, { max: 60 });
  const moved = pr !== undefined && pr.before !== pr.after;
  const title = moved ? `Level ${pr.before} → ${pr.after}: ${name}` : `Level ${evaluation.level}: ${name}`;
  const lowers = pr !== undefined && pr.after < pr.before;
  const conclusion =
    lowers && options.ratchet ? "failure" : evaluation.level >= SUCCESS_LEVEL ? "success" : "neutral";

  const attempts: ChecklistOptions[] = [
    { detail: "full", reasonChars: 500 },
    { detail: "compact", reasonChars: 200 },
  ];
  let summary = "";
  let truncated = false;
  for (const [index, checklist] of attempts.entries()) {
    summary = renderSummary(evaluation, pr, checklist);
    truncated = index > 0;
    if (summary.length <= GITHUB_TEXT_LIMIT) break;
  }
  if (summary.length > GITHUB_TEXT_LIMIT) {
    const note = "\n\n_…cut to fit GitHub's size limit: see the status issue for the rest._";
    summary = summary.slice(0, GITHUB_TEXT_LIMIT - note.length) + note;
    truncated = true;
  }
  return { title, summary, conclusion, truncated };
}

function renderSummary(
  evaluation: MaturityEvaluation,
  pr: PullRequestEffect | undefined,
  checklist: ChecklistOptions,
): string {
  const parts: string[] = [
    `**Maturity level ${evaluation.level} of ${evaluation.levels.length}: ${inlineText(evaluation.levelName, { max: 60 })}**`,
  ];
  if (pr) parts.push(renderPullRequest(pr, checklist.reasonChars));
  // A pull request that lowers the level says so in its verdict above; the warning would repeat it.
  if (evaluation.lowered && !(pr && pr.after < pr.before)) parts.push(renderLoweredWarning(evaluation));
  const next = evaluation.next;
  if (next) {
    const missing = next.missing.map((m) => `- ${inlineText(m, { max: checklist.reasonChars })}`);
    parts.push(
      `### Next: level ${next.level}, ${inlineText(next.name, { max: 60 })}\n\nWho takes it there: ${describeGate(next.gate)}` +
        (missing.length > 0 ? `\n\n${missing.join("\n")}` : ""),
    );
  }
  parts.push(
    `<details><summary>Every requirement</summary>\n\n${renderLevelChecklist(evaluation, checklist)}\n\n</details>`,
  );
  return parts.join("\n\n");
}

function renderPullRequest(pr: PullRequestEffect, reasonChars: number): string {
  const verdict =
    pr.after === pr.before
      ? `This pull request keeps the level at ${pr.after}.`
      : pr.after > pr.before
        ? `This pull request would **raise** the level from ${pr.before} to ${pr.after}.`
        : `This pull request would **lower** the level from ${pr.before} (${inlineText(pr.beforeName, { max: 60 })}) to ${pr.after} (${inlineText(pr.afterName, { max: 60 })}).`;
  if (pr.changes.length === 0) return `### This pull request\n\n${verdict}`;
  const rows = pr.changes.map(
    (c) =>
      `| ${inlineCode(c.id)} | ${c.level} | ${c.before} | ${c.after} | ${inlineText(c.reason, { max: reasonChars, table: true })} |`,
  );
  return `### This pull request\n\n${verdict}\n\n| requirement | level | before | with this PR | why |\n|---|---|---|---|---|\n${rows.join("\n")}`;
}
