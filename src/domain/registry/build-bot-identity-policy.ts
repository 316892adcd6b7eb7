import { ECR_ACTIONS } from "./ecr-actions.js";
import { RegistryConfigError } from "./registry-config-error.js";

/** Where the bot's repositories are: the policy's `registry` account, region and prefix. */
export interface BotRegistryScope {
  readonly account: string;
  readonly region: string;
  readonly prefix: string;
}

/**
 * The least-privilege IAM identity policy the bot's own role needs to manage and fill its ECR
 * repositories: the registry login on `*` (the only resource GetAuthorizationToken knows), and
 * management plus push and pull on `{prefix}*` repositories only. docs/registry.md prints it
 * and says why each action is there.
 *
 * @throws RegistryConfigError when the account, region or prefix cannot form a repository ARN.
 */
export function buildBotIdentityPolicy(scope: BotRegistryScope): string {
  if (!/^\d{12}$/.test(scope.account)) {
    throw new RegistryConfigError(`the registry account ${JSON.stringify(scope.account)} is not 12 digits`);
  }
  if (!/^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/.test(scope.region)) {
    throw new RegistryConfigError(`the registry region ${JSON.stringify(scope.region)} is not an AWS region`);
  }
  if (!/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*$/.test(scope.prefix)) {
    throw new RegistryConfigError(
      `the registry prefix ${JSON.stringify(scope.prefix)} is not a repository prefix`,
    );
  }
  // China and GovCloud regions live in their own partitions, with their own ARN prefix.
  const partition = scope.region.startsWith("cn-")
    ? "aws-cn"
    : scope.region.startsWith("us-gov-")
      ? "aws-us-gov"
      : "aws";
  const repositories = `arn:${partition}:ecr:${scope.region}:${scope.account}:repository/${scope.prefix}*`;
  return JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [
        { Sid: "RegistryLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
        {
          Sid: "ManageSofieRepositories",
          Effect: "Allow",
          Action: [
            "ecr:CreateRepository",
            "ecr:DescribeRepositories",
            "ecr:GetLifecyclePolicy",
            "ecr:GetRepositoryPolicy",
            "ecr:PutImageScanningConfiguration",
            "ecr:PutImageTagMutability",
            "ecr:PutLifecyclePolicy",
            "ecr:SetRepositoryPolicy",
            "ecr:TagResource",
          ],
          Resource: repositories,
        },
        {
          Sid: "CopySofieImages",
          Effect: "Allow",
          Action: [...ECR_ACTIONS.pull, ...ECR_ACTIONS.push].sort(),
          Resource: repositories,
        },
      ],
    },
    null,
    2,
  );
}
