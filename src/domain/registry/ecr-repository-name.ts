import { POLICY_PATH } from "../names.js";
import { RegistryConfigError } from "./registry-config-error.js";

// ECR's own pattern for a repository name (CreateRepository's `repositoryName`).
const ECR_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
// One path part: pilot, component and image names may not add path levels of their own.
const PART = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const MIN_LENGTH = 2;
const MAX_LENGTH = 256;

/**
 * The ECR repository of one image of a component: `{prefix}{pilot}/{component}` for the image
 * named like the component (or when no image is given), `{prefix}{pilot}/{component}/{image}`
 * for the other images of the same manifest, so every image of a component sits under one path
 * the repository policy and the bot's own IAM can address as `{prefix}{pilot}/{component}*`.
 *
 * @param prefix the policy's `registry.prefix`: "" or lowercase path parts each ending in "/".
 * @throws RegistryConfigError naming the part to fix when ECR would refuse the name.
 */
export function ecrRepositoryName(prefix: string, pilot: string, component: string, image?: string): string {
  if (prefix !== "" && !(prefix.endsWith("/") && ECR_NAME.test(prefix.slice(0, -1)))) {
    throw new RegistryConfigError(
      `the registry prefix ${JSON.stringify(prefix)} is not usable in an ECR repository name; use lowercase path parts each ending in '/', e.g. "sofie/", or "" for none (registry.prefix in ${POLICY_PATH})`,
    );
  }
  checkPart("pilot", pilot);
  checkPart("component", component);
  if (image !== undefined) checkPart("image", image);
  const name =
    image === undefined || image === component
      ? `${prefix}${pilot}/${component}`
      : `${prefix}${pilot}/${component}/${image}`;
  if (name.length > MAX_LENGTH) {
    throw new RegistryConfigError(
      `the ECR repository name "${name.slice(0, 60)}…" is ${name.length} characters long; ECR allows at most ${MAX_LENGTH}, so shorten the prefix, pilot, component or image name`,
    );
  }
  // The parts are checked one by one above, so this only guards the composition itself.
  if (name.length < MIN_LENGTH || !ECR_NAME.test(name)) {
    throw new RegistryConfigError(`"${name}" is not a valid ECR repository name`);
  }
  return name;
}

function checkPart(what: string, value: string): void {
  if (PART.test(value)) return;
  const shown = value.length > 60 ? `${JSON.stringify(value.slice(0, 60))}…` : JSON.stringify(value);
  throw new RegistryConfigError(
    `the ${what} name ${shown} cannot be part of an ECR repository name; use lowercase letters and digits, separated by single '.', '_' or '-', with no '/' and not starting or ending with a separator`,
  );
}
