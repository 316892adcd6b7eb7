import type { Problem } from "../problem.js";
import { parseYamlWithSchema } from "../yaml/parse-yaml-with-schema.js";
import { organisationPolicySchema } from "./organisation-policy.js";
import type { OrganisationPolicy } from "./organisation-policy.js";

/** Top-level keys named in messages about the overall shape of a policy file. */
export const POLICY_KEYS = ["maintainers", "registry", "clusters"] as const;

/**
 * Parses and validates an organisation policy text (`.github/sofie-integration.yml`). Every problem is
 * reported with file, line and column; `policy` is present only when no problem is an error.
 */
export function parsePolicy(
  text: string,
  file: string,
): { policy?: OrganisationPolicy; problems: Problem[] } {
  const result = parseYamlWithSchema(text, file, organisationPolicySchema, {
    what: "organisation policy",
    someKeys: POLICY_KEYS,
  });
  return result.value === undefined
    ? { problems: result.problems }
    : { policy: result.value, problems: result.problems };
}
