import type { ComponentEvidence } from "./evidence.js";
import { type Ladder, NOT_CONNECTED } from "./ladder.js";
import type { LevelResult, MaturityEvaluation, NextLevel } from "./maturity-evaluation.js";
import { evaluateRequirement } from "./evaluate-requirement.js";

export interface EvaluateMaturityOptions {
  /** ISO time for time-based checks (`healthy-days`); without it they are `unknown`. */
  readonly now?: string;
  /** The level last recorded for the component, so that a drop is reported as `lowered`. */
  readonly previousLevel?: number;
}

/**
 * Computes a component's level from its evidence: the highest L such that every
 * requirement of levels 1..L holds (levels are cumulative, so a component must hold 3 before
 * 4 counts). Pure and deterministic: the clock is only what `options.now` says.
 *
 * `lowered` is set when `previousLevel` is above the new level (with `from`), or, without a
 * previous level, when the component holds level 1 and the latest CI run on the watched branch
 * did not succeed (no `from`). Its reason says which level fell; what that level misses is
 * `next.missing`, so that a rendering states each reason once.
 */
export function evaluateMaturity(
  ladder: Ladder,
  evidence: ComponentEvidence,
  options: EvaluateMaturityOptions = {},
): MaturityEvaluation {
  const levels: LevelResult[] = [...ladder.levels]
    .sort((a, b) => a.level - b.level)
    .map((definition) => {
      const requirements = definition.requirements.map((r) => evaluateRequirement(r, evidence, options.now));
      // A level with no requirements is a policy mistake; treating it as met would hand it out for free.
      const met = requirements.length > 0 && requirements.every((r) => r.state === "met");
      return { level: definition.level, name: definition.name, met, requirements, gate: definition.gate };
    });

  let level = 0;
  for (const result of levels) {
    if (!result.met || result.level !== level + 1) break;
    level = result.level;
  }
  const levelName =
    level === 0 ? NOT_CONNECTED : (levels.find((l) => l.level === level)?.name ?? NOT_CONNECTED);

  const above = levels.find((l) => l.level === level + 1);
  const next: NextLevel | undefined = above && {
    level: above.level,
    name: above.name,
    missing: above.requirements.filter((r) => r.state !== "met").map((r) => r.reason),
    gate: above.gate,
  };

  // The reason names what fell, not why: the why is `next.missing`, shown next to it.
  let lowered: MaturityEvaluation["lowered"];
  if (options.previousLevel !== undefined && options.previousLevel > level) {
    lowered = { from: options.previousLevel, reason: `level ${level + 1} no longer holds` };
  } else if (options.previousLevel === undefined && level === 1 && ciFailed(evidence)) {
    lowered = { reason: "a failing build on the watched branch keeps the component below level 2" };
  }

  return {
    level,
    levelName,
    levels,
    ...(next ? { next } : {}),
    ...(lowered ? { lowered } : {}),
    held: evidence.hold === true,
  };
}

function ciFailed(evidence: ComponentEvidence): boolean {
  return evidence.ci !== undefined && evidence.ci.conclusion !== "success";
}
