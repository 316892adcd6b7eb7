import type { Context } from "probot";
import { DEFAULT_POLICY, validatePolicyObject, type OrganisationPolicy } from "../config/policy.js";
import { POLICY_FILE } from "../domain/names.js";

/**
 * The organisation policy for the repository of an event: `.github/sofie-integration.yml`
 * through Probot's `context.config()` (the repository's own file, else the organisation's
 * `.github` repository, with `_extends` merged). A broken policy never stops a handler:
 * the defaults apply and the problems are logged (the manifest check shows them to users).
 */
export async function loadPolicy(context: Context): Promise<OrganisationPolicy> {
  let raw: unknown;
  try {
    raw = await context.config(POLICY_FILE);
  } catch (error) {
    context.log.warn({ err: error }, `cannot read .github/${POLICY_FILE}; using the default policy`);
    return DEFAULT_POLICY;
  }
  if (raw === null || raw === undefined) return DEFAULT_POLICY;
  const { policy, problems } = validatePolicyObject(raw, `.github/${POLICY_FILE}`);
  if (!policy) {
    context.log.warn(
      { problems: problems.map((p) => p.message) },
      `.github/${POLICY_FILE} is invalid; using the default policy`,
    );
    return DEFAULT_POLICY;
  }
  return policy;
}
