/**
 * A registry setting that cannot work as given: an image name ECR would refuse, a team with no
 * principals in the organisation policy, a policy with no writer. The message says what to change.
 */
export class RegistryConfigError extends Error {
  override readonly name = "RegistryConfigError";
}
