import { POLICY_PATH } from "../names.js";
import { RegistryConfigError } from "./registry-config-error.js";

/** The policy's `registry.lifecycle`. */
export interface LifecycleSettings {
  /** How many images to keep; older ones beyond this count expire. */
  readonly keepLast: number;
  /** Days after which an untagged image expires. */
  readonly untaggedDays: number;
}

// ECR's countNumber is an integer of at least 1; its documented upper bound is below 2^31.
const MAX_COUNT = 2_147_483_647;

/**
 * The ECR lifecycle policy: untagged images expire `untaggedDays` after their push (rule 1,
 * evaluated first), and of all images only the `keepLast` most recently pushed are kept (rule 2;
 * ECR requires a `tagStatus: "any"` rule to carry the highest priority number). The text is
 * deterministic so it can be compared with what ECR holds.
 *
 * @throws RegistryConfigError when a number is not a whole number from 1.
 */
export function buildLifecyclePolicy(settings: LifecycleSettings): string {
  const untaggedDays = count(settings.untaggedDays, "registry.lifecycle.untaggedDays");
  const keepLast = count(settings.keepLast, "registry.lifecycle.keepLast");
  return JSON.stringify(
    {
      rules: [
        {
          rulePriority: 1,
          description: `Expire untagged images ${untaggedDays} days after their push`,
          selection: {
            tagStatus: "untagged",
            countType: "sinceImagePushed",
            countUnit: "days",
            countNumber: untaggedDays,
          },
          action: { type: "expire" },
        },
        {
          rulePriority: 2,
          description: `Keep the last ${keepLast} images`,
          selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepLast },
          action: { type: "expire" },
        },
      ],
    },
    null,
    2,
  );
}

function count(value: number, key: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_COUNT) {
    throw new RegistryConfigError(
      `${key} is ${String(value)}; give a whole number from 1 to ${MAX_COUNT} in ${POLICY_PATH}`,
    );
  }
  return value;
}
