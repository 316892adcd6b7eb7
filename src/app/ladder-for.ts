import type { OrganisationPolicy } from "../config/policy.js";
import { applyLadderOverrides, type LadderOverrides } from "../domain/maturity/apply-ladder-overrides.js";
import { defaultLadder } from "../domain/maturity/default-ladder.js";
import type { Ladder } from "../domain/maturity/ladder.js";

/** The ladder an organisation's policy asks for: the default, with its overrides applied (problems leave the default). */
export function ladderFor(policy: OrganisationPolicy, log: { warn(obj: object, msg: string): void }): Ladder {
  const base = defaultLadder({ healthyDays: policy.automation.operatedDays });
  if (!policy.ladder) return base;
  const { ladder, problems } = applyLadderOverrides(base, policy.ladder as LadderOverrides);
  if (problems.some((p) => p.severity === "error")) {
    log.warn(
      { problems: problems.map((p) => p.message) },
      "the policy's ladder is invalid; using the default ladder",
    );
    return base;
  }
  return ladder;
}
