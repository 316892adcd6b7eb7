import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ECRServiceException,
  GetAuthorizationTokenCommand,
  GetLifecyclePolicyCommand,
  GetRepositoryPolicyCommand,
  LifecyclePolicyNotFoundException,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  PutLifecyclePolicyCommand,
  RepositoryAlreadyExistsException,
  RepositoryPolicyNotFoundException,
  SetRepositoryPolicyCommand,
} from "@aws-sdk/client-ecr";
import { mockClient } from "aws-sdk-client-mock";
import { createEcrRegistry } from "../../../src/adapters/ecr/ecr-registry.js";
import { RegistryProviderError } from "../../../src/adapters/ecr/registry-provider-error.js";
import { buildLifecyclePolicy } from "../../../src/domain/registry/build-lifecycle-policy.js";
import { buildRepositoryPolicy } from "../../../src/domain/registry/build-repository-policy.js";

const ecr = mockClient(ECRClient);
const client = new ECRClient({
  region: "eu-west-1",
  credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "x" },
});

const name = "sofie/lmf/mos-gateway";
const uri = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/${name}`;
const repositoryPolicy = buildRepositoryPolicy({
  writers: ["arn:aws:iam::123456789012:role/sofie-maintainers"],
  readers: ["arn:aws:iam::210987654321:role/flexibility-ci"],
});
const lifecyclePolicy = buildLifecyclePolicy({ keepLast: 30, untaggedDays: 14 });
const input = {
  name,
  scanOnPush: true,
  immutableTags: true,
  tags: {
    Repository: "sofie-iot/mos-gateway",
    Pilot: "lmf",
    Component: "mos-gateway",
    ManagedBy: "sofie-integration-bot",
  },
  lifecyclePolicy,
  repositoryPolicy,
};
const existing = {
  repositoryName: name,
  repositoryUri: uri,
  imageScanningConfiguration: { scanOnPush: true },
  imageTagMutability: "IMMUTABLE" as const,
};
const exists = () =>
  new RepositoryAlreadyExistsException({
    message: `The repository with name '${name}' already exists`,
    $metadata: {},
  });

/** The commands sent, by name, with their inputs, in order. */
const sent = () => ecr.calls().map((call) => [call.args[0].constructor.name, call.args[0].input] as const);
const names = () => sent().map(([command]) => command);

// ECR hands stored policies back re-indented, with its own spacing: the bot must not rewrite them.
const asEcrReturnsIt = (text: string) => JSON.stringify(JSON.parse(text), null, 2).replace(/": /g, '" : ');

beforeEach(() => ecr.reset());

describe("createEcrRegistry().ensureRepository", () => {
  it("creates a missing repository with its settings and tags, then sets both policies without reading them", async () => {
    ecr.on(CreateRepositoryCommand).resolves({ repository: existing });
    const result = await createEcrRegistry(client).ensureRepository(input);
    expect(result).toEqual({
      created: true,
      uri,
      policyChanged: true,
      lifecycleChanged: true,
      settingsChanged: false,
    });
    expect(sent()).toEqual([
      [
        "CreateRepositoryCommand",
        {
          repositoryName: name,
          imageScanningConfiguration: { scanOnPush: true },
          imageTagMutability: "IMMUTABLE",
          encryptionConfiguration: { encryptionType: "AES256" },
          tags: [
            { Key: "Component", Value: "mos-gateway" },
            { Key: "ManagedBy", Value: "sofie-integration-bot" },
            { Key: "Pilot", Value: "lmf" },
            { Key: "Repository", Value: "sofie-iot/mos-gateway" },
          ],
        },
      ],
      ["SetRepositoryPolicyCommand", { repositoryName: name, policyText: repositoryPolicy }],
      ["PutLifecyclePolicyCommand", { repositoryName: name, lifecyclePolicyText: lifecyclePolicy }],
    ]);
  });

  it("encrypts with the configured KMS key and honours mutable tags and no scan", async () => {
    ecr.on(CreateRepositoryCommand).resolves({ repository: existing });
    await createEcrRegistry(client, { kmsKey: "alias/sofie" }).ensureRepository({
      ...input,
      scanOnPush: false,
      immutableTags: false,
    });
    expect(ecr.commandCalls(CreateRepositoryCommand)[0]?.args[0].input).toMatchObject({
      imageScanningConfiguration: { scanOnPush: false },
      imageTagMutability: "MUTABLE",
      encryptionConfiguration: { encryptionType: "KMS", kmsKey: "alias/sofie" },
    });
  });

  it("treats an existing repository with the same settings and policies as nothing to do", async () => {
    ecr.on(CreateRepositoryCommand).rejects(exists());
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [existing] });
    ecr
      .on(GetRepositoryPolicyCommand)
      .resolves({ repositoryName: name, policyText: asEcrReturnsIt(repositoryPolicy) });
    ecr
      .on(GetLifecyclePolicyCommand)
      .resolves({ repositoryName: name, lifecyclePolicyText: asEcrReturnsIt(lifecyclePolicy) });
    const result = await createEcrRegistry(client).ensureRepository(input);
    expect(result).toEqual({
      created: false,
      uri,
      policyChanged: false,
      lifecycleChanged: false,
      settingsChanged: false,
    });
    expect(names()).toEqual([
      "CreateRepositoryCommand",
      "DescribeRepositoriesCommand",
      "GetRepositoryPolicyCommand",
      "GetLifecyclePolicyCommand",
    ]);
    expect(ecr.commandCalls(DescribeRepositoriesCommand)[0]?.args[0].input).toEqual({
      repositoryNames: [name],
    });
    expect(ecr.commandCalls(SetRepositoryPolicyCommand)).toHaveLength(0);
    expect(ecr.commandCalls(PutLifecyclePolicyCommand)).toHaveLength(0);
  });

  it("brings scan-on-push and tag mutability of an existing repository in line", async () => {
    ecr.on(CreateRepositoryCommand).rejects(exists());
    ecr.on(DescribeRepositoriesCommand).resolves({
      repositories: [
        { ...existing, imageScanningConfiguration: { scanOnPush: false }, imageTagMutability: "MUTABLE" },
      ],
    });
    ecr.on(GetRepositoryPolicyCommand).resolves({ policyText: repositoryPolicy });
    ecr.on(GetLifecyclePolicyCommand).resolves({ lifecyclePolicyText: lifecyclePolicy });
    const result = await createEcrRegistry(client).ensureRepository(input);
    expect(result.settingsChanged).toBe(true);
    expect(ecr.commandCalls(PutImageScanningConfigurationCommand)[0]?.args[0].input).toEqual({
      repositoryName: name,
      imageScanningConfiguration: { scanOnPush: true },
    });
    expect(ecr.commandCalls(PutImageTagMutabilityCommand)[0]?.args[0].input).toEqual({
      repositoryName: name,
      imageTagMutability: "IMMUTABLE",
    });
  });

  it("sets the policies of an existing repository that has none", async () => {
    ecr.on(CreateRepositoryCommand).rejects(exists());
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [existing] });
    ecr
      .on(GetRepositoryPolicyCommand)
      .rejects(
        new RepositoryPolicyNotFoundException({ message: "Repository policy does not exist", $metadata: {} }),
      );
    ecr
      .on(GetLifecyclePolicyCommand)
      .rejects(
        new LifecyclePolicyNotFoundException({ message: "Lifecycle policy does not exist", $metadata: {} }),
      );
    const result = await createEcrRegistry(client).ensureRepository(input);
    expect(result).toMatchObject({ created: false, policyChanged: true, lifecycleChanged: true });
    expect(ecr.commandCalls(SetRepositoryPolicyCommand)[0]?.args[0].input).toEqual({
      repositoryName: name,
      policyText: repositoryPolicy,
    });
    expect(ecr.commandCalls(PutLifecyclePolicyCommand)[0]?.args[0].input).toEqual({
      repositoryName: name,
      lifecyclePolicyText: lifecyclePolicy,
    });
  });

  it("replaces a policy that differs, for instance one granting someone else", async () => {
    ecr.on(CreateRepositoryCommand).rejects(exists());
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [existing] });
    const widened = buildRepositoryPolicy({
      writers: ["arn:aws:iam::123456789012:role/sofie-maintainers"],
      readers: ["arn:aws:iam::210987654321:role/flexibility-ci", "arn:aws:iam::999999999999:role/stranger"],
    });
    ecr.on(GetRepositoryPolicyCommand).resolves({ policyText: widened });
    ecr.on(GetLifecyclePolicyCommand).resolves({ lifecyclePolicyText: "not json at all" });
    const result = await createEcrRegistry(client).ensureRepository(input);
    expect(result).toMatchObject({ policyChanged: true, lifecycleChanged: true });
    expect(ecr.commandCalls(SetRepositoryPolicyCommand)[0]?.args[0].input.policyText).toBe(repositoryPolicy);
  });

  it("wraps an SDK failure with the call, the repository and AWS's code", async () => {
    ecr.on(CreateRepositoryCommand).rejects(
      new ECRServiceException({
        name: "AccessDeniedException",
        $fault: "client",
        $metadata: { httpStatusCode: 400 },
        message:
          "User: arn:aws:sts::123456789012:assumed-role/sofie-bot/AKIAABCDEFGHIJKLMNOP is not authorized to perform: ecr:CreateRepository",
      }),
    );
    const error = await createEcrRegistry(client)
      .ensureRepository(input)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistryProviderError);
    expect(error).toMatchObject({
      operation: "CreateRepository",
      repository: name,
      code: "AccessDeniedException",
      httpStatus: 400,
    });
    const message = (error as Error).message;
    expect(message).toMatch(
      /^ECR CreateRepository for repository "sofie\/lmf\/mos-gateway" failed: AccessDeniedException: /,
    );
    expect(message).not.toContain("AKIAABCDEFGHIJKLMNOP");
  });

  it("wraps a failure of a later call too, and stops there", async () => {
    ecr.on(CreateRepositoryCommand).rejects(exists());
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [existing] });
    ecr.on(GetRepositoryPolicyCommand).rejects(
      new ECRServiceException({
        name: "ServerException",
        $fault: "server",
        $metadata: {},
        message: "boom",
      }),
    );
    await expect(createEcrRegistry(client).ensureRepository(input)).rejects.toThrow(
      'ECR GetRepositoryPolicy for repository "sofie/lmf/mos-gateway" failed: ServerException: boom',
    );
    expect(ecr.commandCalls(PutLifecyclePolicyCommand)).toHaveLength(0);
  });

  it("wraps a network failure with its code", async () => {
    ecr
      .on(CreateRepositoryCommand)
      .rejects(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }));
    await expect(createEcrRegistry(client).ensureRepository(input)).rejects.toMatchObject({
      name: "RegistryProviderError",
      code: "ECONNREFUSED",
    });
  });

  it("reports a repository that exists but cannot be described", async () => {
    ecr.on(CreateRepositoryCommand).rejects(exists());
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [] });
    await expect(createEcrRegistry(client).ensureRepository(input)).rejects.toThrow(
      /ECR DescribeRepositories for repository "sofie\/lmf\/mos-gateway" failed: .*not in the answer/,
    );
  });
});

describe("createEcrRegistry().getAuthorization", () => {
  const expiresAt = new Date("2030-01-01T12:00:00Z");

  it("decodes AWS:password and gives the proxy endpoint", async () => {
    ecr.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [
        {
          authorizationToken: Buffer.from("AWS:pass:with:colons").toString("base64"),
          proxyEndpoint: "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
          expiresAt,
        },
      ],
    });
    await expect(createEcrRegistry(client).getAuthorization()).resolves.toEqual({
      endpoint: "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
      username: "AWS",
      password: "pass:with:colons",
      expiresAt,
    });
    expect(sent()).toEqual([["GetAuthorizationTokenCommand", {}]]);
  });

  it.each([
    ["no data", { authorizationData: [] }],
    [
      "a token without a colon",
      {
        authorizationData: [
          {
            authorizationToken: Buffer.from("secretvalue").toString("base64"),
            proxyEndpoint: "https://r",
            expiresAt,
          },
        ],
      },
    ],
    [
      "a token with an empty password",
      {
        authorizationData: [
          {
            authorizationToken: Buffer.from("AWS:").toString("base64"),
            proxyEndpoint: "https://r",
            expiresAt,
          },
        ],
      },
    ],
    [
      "no endpoint",
      {
        authorizationData: [
          { authorizationToken: Buffer.from("AWS:secretvalue").toString("base64"), expiresAt },
        ],
      },
    ],
  ])("refuses an answer with %s, without showing the token", async (_what, answer) => {
    ecr.on(GetAuthorizationTokenCommand).resolves(answer);
    const error = (await createEcrRegistry(client)
      .getAuthorization()
      .catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(RegistryProviderError);
    expect(error.message).toMatch(/^ECR GetAuthorizationToken failed: /);
    expect(error.message).not.toContain("secretvalue");
    expect(error.message).not.toContain(Buffer.from("secretvalue").toString("base64"));
  });
});
