import { organisationPolicySchema } from "./organisation-policy.js";
import type { OrganisationPolicy } from "./organisation-policy.js";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The policy of an organisation that has no `.github/sofie-integration.yml`: default check names,
 * topic prefix and automation; no maintainers (so commands that need them refuse), no registry and no
 * clusters. Frozen, because every installation shares it.
 */
export const DEFAULT_POLICY: OrganisationPolicy = deepFreeze(organisationPolicySchema.parse({}));
