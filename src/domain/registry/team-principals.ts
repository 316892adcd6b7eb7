import { POLICY_PATH } from "../names.js";
import { RegistryConfigError } from "./registry-config-error.js";

/**
 * The IAM principals of a component's developers: the entry for their GitHub team in the
 * policy's `registry.readers` map. Team slugs are case-insensitive on GitHub, so is the lookup.
 * An entry with an empty list is an explicit "no developer pulls" and gives `[]`.
 *
 * @param readers the policy's `registry.readers` (`"@org/team": ARN[]`).
 * @param developersTeam the component's developers team, as `@org/team`.
 * @throws RegistryConfigError naming the key to add to the organisation policy ({@link POLICY_PATH}).
 */
export function teamPrincipals(
  readers: Readonly<Record<string, readonly string[]>>,
  developersTeam: string,
): string[] {
  const wanted = developersTeam.toLowerCase();
  const key = Object.keys(readers).find((candidate) => candidate.toLowerCase() === wanted);
  const arns = key === undefined ? undefined : readers[key];
  if (key === undefined || !Array.isArray(arns)) {
    throw new RegistryConfigError(
      `the developers team ${JSON.stringify(developersTeam)} has no principals for the registry; add the key ${JSON.stringify(developersTeam)} under registry.readers in ${POLICY_PATH} with the team's IAM principal ARNs, e.g. ${JSON.stringify(developersTeam)}: ["arn:aws:iam::123456789012:role/developers"] (or [] for none)`,
    );
  }
  return [...new Set(arns)].sort();
}
