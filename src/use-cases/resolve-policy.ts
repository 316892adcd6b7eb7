import { DEFAULT_POLICY, validatePolicyObject, type OrganisationPolicy } from "../config/policy.js";
import { applyLadderOverrides, type LadderOverrides } from "../domain/maturity/apply-ladder-overrides.js";
import { defaultLadder } from "../domain/maturity/default-ladder.js";
import type { Ladder } from "../domain/maturity/ladder.js";
import { POLICY_PATH } from "../domain/names.js";
import type { PolicySource } from "../ports/policy-source.js";
import type { RepositoryRef } from "../ports/repository-ref.js";

/** An organisation's policy and the ladder it asks for. */
export interface ResolvedPolicy {
  readonly policy: OrganisationPolicy;
  readonly ladder: Ladder;
}

export interface PolicyLog {
  warn(obj: object, msg: string): void;
}

/**
 * The policy that applies to a repository, for webhooks and jobs alike. A broken policy
 * never stops the work: the defaults apply and the problems are logged (the manifest check
 * shows them to users); an unreadable one (GitHub failing) throws, so a job retries.
 */
export async function resolvePolicy(
  source: PolicySource,
  repo: RepositoryRef,
  log: PolicyLog,
): Promise<ResolvedPolicy> {
  const raw = await source.read(repo, POLICY_PATH);
  const policy = raw === null || raw === undefined ? DEFAULT_POLICY : validated(raw, log);
  return { policy, ladder: ladderFor(policy, log) };
}

function validated(raw: unknown, log: PolicyLog): OrganisationPolicy {
  const { policy, problems } = validatePolicyObject(raw, POLICY_PATH);
  if (policy) return policy;
  log.warn(
    { problems: problems.map((p) => p.message) },
    `${POLICY_PATH} is invalid; using the default policy`,
  );
  return DEFAULT_POLICY;
}

/** The ladder a policy asks for: the default with its overrides applied (problems leave the default). */
export function ladderFor(policy: OrganisationPolicy, log: PolicyLog): Ladder {
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
