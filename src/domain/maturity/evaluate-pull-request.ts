import type { ComponentEvidence } from "./evidence.js";
import type { Ladder } from "./ladder.js";
import type { RequirementState } from "./maturity-evaluation.js";
import { evaluateMaturity, type EvaluateMaturityOptions } from "./evaluate-maturity.js";

/** One requirement whose state the pull request would change. */
export interface RequirementChange {
  readonly id: string;
  readonly level: number;
  readonly before: RequirementState;
  readonly after: RequirementState;
  /** The reason with the pull request applied. */
  readonly reason: string;
}

/** What a pull request would do to the level. */
export interface PullRequestEffect {
  readonly before: number;
  readonly beforeName: string;
  readonly after: number;
  readonly afterName: string;
  readonly changes: readonly RequirementChange[];
}

/**
 * Compares the level from the watched branch's evidence with the level the same component
 * would have with the pull request's evidence (its CI run, images, Dockerfile check and
 * manifest, merged over the base evidence by the caller).
 */
export function evaluatePullRequest(
  ladder: Ladder,
  baseEvidence: ComponentEvidence,
  prEvidence: ComponentEvidence,
  options: Pick<EvaluateMaturityOptions, "now"> = {},
): PullRequestEffect {
  const base = evaluateMaturity(ladder, baseEvidence, options);
  const pr = evaluateMaturity(ladder, prEvidence, options);
  const changes: RequirementChange[] = [];
  for (const level of pr.levels) {
    const baseLevel = base.levels.find((l) => l.level === level.level);
    for (const requirement of level.requirements) {
      const before = baseLevel?.requirements.find((r) => r.id === requirement.id)?.state ?? "unknown";
      if (before !== requirement.state)
        changes.push({
          id: requirement.id,
          level: level.level,
          before,
          after: requirement.state,
          reason: requirement.reason,
        });
    }
  }
  return {
    before: base.level,
    beforeName: base.levelName,
    after: pr.level,
    afterName: pr.levelName,
    changes,
  };
}
