/**
 * The organisation policy, for code outside the domain: the schema, its type, the default and the two
 * validators (from text with positions, and from Probot's already-parsed `context.config()`). The
 * implementation is pure and lives in `domain/policy/`.
 */
export { organisationPolicySchema } from "../domain/policy/organisation-policy.js";
export type {
  ClusterPolicy,
  OrganisationPolicy,
  RegistryPolicy,
} from "../domain/policy/organisation-policy.js";
export { DEFAULT_POLICY } from "../domain/policy/default-policy.js";
export { parsePolicy } from "../domain/policy/parse-policy.js";
export { validatePolicyObject } from "../domain/policy/validate-policy-object.js";
