import type { Problem } from "../problem.js";
import { validateWithSchema } from "../yaml/validate-with-schema.js";
import { DEFAULT_POLICY } from "./default-policy.js";
import { organisationPolicySchema } from "./organisation-policy.js";
import type { OrganisationPolicy } from "./organisation-policy.js";

/**
 * Validates a policy that is already parsed, as Probot's `context.config()` returns it (with
 * `_extends` merged). There are no positions then: problems point at line 1, column 1 and carry their
 * `path`. `null` or `undefined` (the organisation has no policy file) gives {@link DEFAULT_POLICY}.
 */
export function validatePolicyObject(
  value: unknown,
  file: string,
): { policy?: OrganisationPolicy; problems: Problem[] } {
  if (value === null || value === undefined) return { policy: DEFAULT_POLICY, problems: [] };
  if (typeof value !== "object" || Array.isArray(value)) {
    return {
      problems: [
        {
          file,
          line: 1,
          column: 1,
          message: `the top level must be a mapping (key: value) with keys such as maintainers, registry, clusters, not ${Array.isArray(value) ? "a list" : "a single value"}`,
          severity: "error",
        },
      ],
    };
  }
  const result = validateWithSchema(value, file, organisationPolicySchema);
  return result.value === undefined
    ? { problems: result.problems }
    : { policy: result.value, problems: result.problems };
}
