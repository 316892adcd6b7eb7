import type { MaturityEvaluation, RequirementResult } from "../maturity/maturity-evaluation.js";
import type { LadderGate } from "../maturity/ladder.js";
import { inlineCode } from "./code-block.js";
import { inlineText } from "./inline-text.js";

export interface ChecklistOptions {
  /** `compact` drops the reasons of met requirements (used when the full text is too long). */
  readonly detail: "full" | "compact";
  /** Characters per reason. */
  readonly reasonChars: number;
}

const MARK: Record<RequirementResult["state"], string> = { met: "x", unmet: " ", unknown: " " };

function requirementLine(r: RequirementResult, options: ChecklistOptions): string {
  const head = `- [${MARK[r.state]}] ${inlineText(r.description, { max: 200 })}`;
  if (options.detail === "compact" && r.state === "met") return head;
  const unknown = r.state === "unknown" ? "❔ " : "";
  return `${head} — ${unknown}${inlineText(r.reason, { max: options.reasonChars })} <sub>${inlineCode(r.id)}</sub>`;
}

/** "**integration maintainers** comment `/promote`: the first time; ..." and the like. */
export function describeGate(gate: LadderGate): string {
  const who = gate.by === "maintainers" ? "integration maintainers" : gate.by;
  const command = gate.command ? ` comment ${inlineCode(gate.command)}` : "";
  return `**${who}**${command}: ${inlineText(gate.description, { max: 300 })}`;
}

/**
 * A `### Level N: Name` section per level with a `- [x]`/`- [ ]` line per requirement and
 * its reason. The checkboxes are a read-out: ticking one does nothing.
 */
export function renderLevelChecklist(evaluation: MaturityEvaluation, options: ChecklistOptions): string {
  const sections = evaluation.levels.map((level) => {
    const reached = level.level <= evaluation.level;
    const icon = reached ? "✅" : level.met ? "☑️" : "⬜";
    const here = level.level === evaluation.level ? " ← current level" : "";
    const heldAbove =
      !reached && level.met
        ? "\n\n_All requirements hold, but a lower level does not, so this level does not count yet._"
        : "";
    const lines = level.requirements.map((r) => requirementLine(r, options));
    if (lines.length === 0) lines.push("- [ ] _no requirements defined: this level cannot be reached_");
    return `### ${icon} Level ${level.level}: ${inlineText(level.name, { max: 60 })}${here}${heldAbove}\n\n${lines.join("\n")}`;
  });
  return sections.join("\n\n");
}
