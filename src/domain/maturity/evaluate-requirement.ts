import type { ComponentEvidence } from "./evidence.js";
import type { LadderRequirement } from "./ladder.js";
import type { RequirementResult } from "./maturity-evaluation.js";
import { BUILT_IN_CHECKS, isBuiltInCheck } from "./built-in-checks.js";

/**
 * Evaluates one requirement. A requirement without a known check ("attested", added by
 * policy) cannot be evaluated: it is `unknown`, never met, and says which check is missing.
 */
export function evaluateRequirement(
  requirement: LadderRequirement,
  evidence: ComponentEvidence,
  now: string | undefined,
): RequirementResult {
  const base = { id: requirement.id, description: requirement.description };
  const checkId = requirement.check;
  const check = checkId !== undefined && isBuiltInCheck(checkId) ? BUILT_IN_CHECKS[checkId] : undefined;
  if (!check)
    return { ...base, state: "unknown", reason: `needs a check the bot does not know: ${requirement.id}` };
  const outcome = check(evidence, {
    params: requirement.params ?? {},
    ...(now === undefined ? {} : { now }),
  });
  return { ...base, state: outcome.state, reason: outcome.reason };
}
