import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { buildBotIdentityPolicy } from "../../../src/domain/registry/build-bot-identity-policy.js";
import { buildRepositoryPolicy } from "../../../src/domain/registry/build-repository-policy.js";
import { ECR_ACTIONS } from "../../../src/domain/registry/ecr-actions.js";
import { ecrRepositoryName } from "../../../src/domain/registry/ecr-repository-name.js";

/*
 * The acceptance check of the repository policy, with a real IAM evaluator. Modelling (see
 * docs/registry.md, "How the policy is checked"): the registry lives in account 123456789012 and
 * every principal is a role in ANOTHER account, so each request is cross-account and needs both
 * an identity policy and the resource policy to allow it. Each principal gets a permissive
 * identity policy (ecr:* on *), which leaves the repository policy the bot writes as the only
 * thing that decides.
 */
const REGISTRY_ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const repository = ecrRepositoryName("sofie/", "lmf", "mos-gateway");
const repositoryArn = `arn:aws:ecr:${REGION}:${REGISTRY_ACCOUNT}:repository/${repository}`;

const maintainer = "arn:aws:iam::111111111111:role/sofie-maintainers";
const developer = "arn:aws:iam::210987654321:role/flexibility-ci";
const unrelated = "arn:aws:iam::999999999999:role/someone-else";

const PULL = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"];
const PUSH = ["ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"];
// Actions nobody is granted: changing the repository, deleting images, reading its policy.
const NEVER = [
  "ecr:BatchDeleteImage",
  "ecr:DeleteRepository",
  "ecr:SetRepositoryPolicy",
  "ecr:GetRepositoryPolicy",
  "ecr:PutLifecyclePolicy",
  "ecr:PutImageTagMutability",
];

const policy = JSON.parse(
  buildRepositoryPolicy({ writers: [maintainer], readers: [developer] }),
) as Simulation["resourcePolicy"];
const allowEcr = {
  name: "AllowAllEcr",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ecr:*", Resource: "*" }] },
};

async function decide(principal: string, action: string, identity = [allowEcr]): Promise<string> {
  const simulation: Simulation = {
    request: {
      principal,
      action,
      resource: { resource: repositoryArn, accountId: REGISTRY_ACCOUNT },
      contextVariables: {},
    },
    identityPolicies: identity,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: policy,
  };
  const response = await runSimulation(simulation, {});
  // A validation error (an unknown action, a malformed policy) must fail loudly, not read as "denied".
  if (response.resultType === "error") throw new Error(JSON.stringify(response.errors));
  return response.overallResult;
}

describe("the repository policy, evaluated by IAM", () => {
  it("checks the same action lists the code grants", () => {
    expect([...PULL].sort()).toEqual([...ECR_ACTIONS.pull]);
    expect([...PUSH].sort()).toEqual([...ECR_ACTIONS.push]);
  });

  it.each([...PUSH, ...PULL, ...ECR_ACTIONS.listing])("lets a maintainer %s", async (action) => {
    await expect(decide(maintainer, action)).resolves.toBe("Allowed");
  });

  it.each(PULL)("lets a developer %s", async (action) => {
    await expect(decide(developer, action)).resolves.toBe("Allowed");
  });

  it.each([...PUSH, ...ECR_ACTIONS.listing])("does not let a developer %s", async (action) => {
    await expect(decide(developer, action)).resolves.toBe("ImplicitlyDenied");
  });

  it.each([...PUSH, ...PULL, ...ECR_ACTIONS.listing, ...NEVER])(
    "does not let an unrelated principal %s",
    async (action) => {
      await expect(decide(unrelated, action)).resolves.toBe("ImplicitlyDenied");
    },
  );

  it.each(NEVER)("does not let even a maintainer %s", async (action) => {
    await expect(decide(maintainer, action)).resolves.toBe("ImplicitlyDenied");
  });

  it("needs the principal's own identity policy too: the model is cross-account", async () => {
    await expect(decide(maintainer, "ecr:PutImage", [])).resolves.toBe("ImplicitlyDenied");
    await expect(decide(developer, "ecr:BatchGetImage", [])).resolves.toBe("ImplicitlyDenied");
  });

  it("does not grant a principal of the registry's own account that is not listed", async () => {
    await expect(
      decide(`arn:aws:iam::${REGISTRY_ACCOUNT}:role/other-team`, "ecr:BatchGetImage", []),
    ).resolves.toBe("ImplicitlyDenied");
  });
});

describe("the bot's own identity policy, evaluated by IAM", () => {
  // The bot runs as a role in the registry's account: its identity policy alone decides.
  const bot = `arn:aws:iam::${REGISTRY_ACCOUNT}:role/sofie-bot`;
  const identity = {
    name: "SofieBot",
    policy: JSON.parse(
      buildBotIdentityPolicy({ account: REGISTRY_ACCOUNT, region: REGION, prefix: "sofie/" }),
    ) as (typeof allowEcr)["policy"],
  };
  const other = `arn:aws:ecr:${REGION}:${REGISTRY_ACCOUNT}:repository/payments/api`;

  async function botDecides(action: string, resource: string): Promise<string> {
    const response = await runSimulation(
      {
        request: {
          principal: bot,
          action,
          resource: { resource, accountId: REGISTRY_ACCOUNT },
          contextVariables: {},
        },
        identityPolicies: [identity],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: undefined,
      },
      {},
    );
    if (response.resultType === "error") throw new Error(JSON.stringify(response.errors));
    return response.overallResult;
  }

  const MANAGE = [
    "ecr:CreateRepository",
    "ecr:DescribeRepositories",
    "ecr:PutImageScanningConfiguration",
    "ecr:PutImageTagMutability",
    "ecr:GetRepositoryPolicy",
    "ecr:SetRepositoryPolicy",
    "ecr:GetLifecyclePolicy",
    "ecr:PutLifecyclePolicy",
    "ecr:TagResource",
  ];

  it("lets the bot log in to the registry", async () => {
    await expect(botDecides("ecr:GetAuthorizationToken", "*")).resolves.toBe("Allowed");
  });

  it.each([...MANAGE, ...PUSH, ...PULL])(
    "lets the bot %s on a repository under the prefix",
    async (action) => {
      await expect(botDecides(action, repositoryArn)).resolves.toBe("Allowed");
    },
  );

  it.each([...MANAGE, ...PUSH, ...PULL])(
    "does not let the bot %s on another team's repository",
    async (action) => {
      await expect(botDecides(action, other)).resolves.toBe("ImplicitlyDenied");
    },
  );

  it.each(["ecr:DeleteRepository", "ecr:BatchDeleteImage", "ecr:DeleteRepositoryPolicy"])(
    "does not let the bot %s, even under the prefix",
    async (action) => {
      await expect(botDecides(action, repositoryArn)).resolves.toBe("ImplicitlyDenied");
    },
  );
});
