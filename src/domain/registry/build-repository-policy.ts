import { POLICY_PATH } from "../names.js";
import { ECR_ACTIONS } from "./ecr-actions.js";
import { RegistryConfigError } from "./registry-config-error.js";

// An IAM principal ARN with a concrete account: no wildcard can sneak into a Principal.
const PRINCIPAL_ARN =
  /^arn:aws(?:-cn|-us-gov|-iso(?:-[a-z])?)?:(?:iam::\d{12}:(?:root|(?:user|role)\/[A-Za-z0-9+=,.@_/-]{1,512})|sts::\d{12}:assumed-role\/[A-Za-z0-9+=,.@_/-]{1,512})$/;

/** Who may do what on one ECR repository. */
export interface RepositoryAccess {
  /** Maintainers' principals (the policy's `registry.writers`): push and pull. At least one. */
  readonly writers: readonly string[];
  /** The component developers' principals: pull only. May be empty. */
  readonly readers: readonly string[];
}

/**
 * The ECR repository policy (a resource policy) granting push and pull to the writers and pull
 * to the readers, and nothing to anyone else: no wildcard principal, no condition to get wrong.
 * The text is deterministic (principals and actions sorted and de-duplicated, a reader who is
 * also a writer listed once, as a writer) so it can be compared with what ECR holds and set only
 * when it differs.
 *
 * @throws RegistryConfigError when there is no writer or a principal is not a concrete IAM ARN.
 */
export function buildRepositoryPolicy(access: RepositoryAccess): string {
  const writers = principals(access.writers, "writer");
  const writerSet = new Set(writers);
  const readers = principals(access.readers, "reader").filter((arn) => !writerSet.has(arn));
  if (writers.length === 0) {
    throw new RegistryConfigError(
      `the repository policy has no writer; list the maintainers' IAM principal ARNs under registry.writers in ${POLICY_PATH}`,
    );
  }
  const statements: object[] = [
    {
      Sid: "SofieMaintainersPushPull",
      Effect: "Allow",
      Principal: { AWS: writers },
      Action: [...ECR_ACTIONS.pull, ...ECR_ACTIONS.push, ...ECR_ACTIONS.listing].sort(),
    },
  ];
  if (readers.length > 0) {
    statements.push({
      Sid: "SofieDevelopersPull",
      Effect: "Allow",
      Principal: { AWS: readers },
      Action: [...ECR_ACTIONS.pull],
    });
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);
}

function principals(arns: readonly string[], role: string): string[] {
  for (const arn of arns) {
    if (typeof arn !== "string" || !PRINCIPAL_ARN.test(arn)) {
      const shown = typeof arn === "string" ? JSON.stringify(arn.slice(0, 120)) : String(arn);
      throw new RegistryConfigError(
        `the ${role} principal ${shown} is not an IAM principal ARN; write it like "arn:aws:iam::123456789012:role/sofie-maintainers" (no wildcards)`,
      );
    }
  }
  return [...new Set(arns)].sort();
}
