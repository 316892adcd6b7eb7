import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  GetLifecyclePolicyCommand,
  GetRepositoryPolicyCommand,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  PutLifecyclePolicyCommand,
  SetRepositoryPolicyCommand,
  type ECRClient,
  type EncryptionConfiguration,
  type Repository,
} from "@aws-sdk/client-ecr";
import { canonicalPolicyJson } from "../../domain/registry/canonical-policy-json.js";
import type {
  EnsureRepositoryInput,
  EnsureRepositoryResult,
  RegistryAuthorization,
  RegistryRepositories,
} from "../../ports/registry-repositories.js";
import { RegistryProviderError } from "./registry-provider-error.js";

/** Options of the ECR adapter. */
export interface EcrRegistryOptions {
  /** A KMS key (ARN, id or alias) to encrypt new repositories with; AES256 (ECR-managed) when absent. */
  readonly kmsKey?: string;
}

/** The registry's repositories on Amazon ECR (or anything speaking ECR's API). */
export function createEcrRegistry(client: ECRClient, options: EcrRegistryOptions = {}): RegistryRepositories {
  const encryption: EncryptionConfiguration = options.kmsKey
    ? { encryptionType: "KMS", kmsKey: options.kmsKey }
    : { encryptionType: "AES256" };

  async function call<T>(
    operation: string,
    repository: string | undefined,
    send: () => Promise<T>,
  ): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new RegistryProviderError(operation, repository, error);
    }
  }

  /** Runs `send`, or gives `undefined` when AWS answers with `absent` (a "not found" that means "none"). */
  async function optional<T>(
    operation: string,
    repository: string,
    absent: string,
    send: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof Error && error.name === absent) return undefined;
      throw new RegistryProviderError(operation, repository, error);
    }
  }

  async function create(input: EnsureRepositoryInput): Promise<Repository | undefined> {
    const name = input.name;
    const output = await optional("CreateRepository", name, "RepositoryAlreadyExistsException", () =>
      client.send(
        new CreateRepositoryCommand({
          repositoryName: name,
          imageScanningConfiguration: { scanOnPush: input.scanOnPush },
          imageTagMutability: input.immutableTags ? "IMMUTABLE" : "MUTABLE",
          encryptionConfiguration: encryption,
          tags: Object.entries(input.tags)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([Key, Value]) => ({ Key, Value })),
        }),
      ),
    );
    if (output === undefined) return undefined;
    if (!output.repository?.repositoryUri) {
      throw new RegistryProviderError("CreateRepository", name, new Error("the answer has no repositoryUri"));
    }
    return output.repository;
  }

  async function describe(name: string): Promise<Repository> {
    const output = await call("DescribeRepositories", name, () =>
      client.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })),
    );
    const repository = output.repositories?.find((candidate) => candidate.repositoryName === name);
    if (!repository?.repositoryUri) {
      throw new RegistryProviderError(
        "DescribeRepositories",
        name,
        new Error("the repository exists (CreateRepository said so) but is not in the answer"),
      );
    }
    return repository;
  }

  /** Brings scan-on-push and tag mutability of an existing repository in line; true if it changed either. */
  async function alignSettings(input: EnsureRepositoryInput, repository: Repository): Promise<boolean> {
    let changed = false;
    if ((repository.imageScanningConfiguration?.scanOnPush ?? false) !== input.scanOnPush) {
      await call("PutImageScanningConfiguration", input.name, () =>
        client.send(
          new PutImageScanningConfigurationCommand({
            repositoryName: input.name,
            imageScanningConfiguration: { scanOnPush: input.scanOnPush },
          }),
        ),
      );
      changed = true;
    }
    const mutability = input.immutableTags ? "IMMUTABLE" : "MUTABLE";
    if (repository.imageTagMutability !== mutability) {
      await call("PutImageTagMutability", input.name, () =>
        client.send(
          new PutImageTagMutabilityCommand({ repositoryName: input.name, imageTagMutability: mutability }),
        ),
      );
      changed = true;
    }
    return changed;
  }

  async function alignRepositoryPolicy(name: string, policy: string, known: boolean): Promise<boolean> {
    if (!known) {
      const current = await optional("GetRepositoryPolicy", name, "RepositoryPolicyNotFoundException", () =>
        client.send(new GetRepositoryPolicyCommand({ repositoryName: name })),
      );
      if (current?.policyText !== undefined && same(current.policyText, policy)) return false;
    }
    await call("SetRepositoryPolicy", name, () =>
      client.send(new SetRepositoryPolicyCommand({ repositoryName: name, policyText: policy })),
    );
    return true;
  }

  async function alignLifecyclePolicy(name: string, policy: string, known: boolean): Promise<boolean> {
    if (!known) {
      const current = await optional("GetLifecyclePolicy", name, "LifecyclePolicyNotFoundException", () =>
        client.send(new GetLifecyclePolicyCommand({ repositoryName: name })),
      );
      if (current?.lifecyclePolicyText !== undefined && same(current.lifecyclePolicyText, policy))
        return false;
    }
    await call("PutLifecyclePolicy", name, () =>
      client.send(new PutLifecyclePolicyCommand({ repositoryName: name, lifecyclePolicyText: policy })),
    );
    return true;
  }

  return {
    async ensureRepository(input: EnsureRepositoryInput): Promise<EnsureRepositoryResult> {
      const created = await create(input);
      const repository = created ?? (await describe(input.name));
      const settingsChanged = created ? false : await alignSettings(input, repository);
      // A repository just created has no policies, so there is nothing to read back first.
      const policyChanged = await alignRepositoryPolicy(
        input.name,
        input.repositoryPolicy,
        created !== undefined,
      );
      const lifecycleChanged = await alignLifecyclePolicy(
        input.name,
        input.lifecyclePolicy,
        created !== undefined,
      );
      return {
        created: created !== undefined,
        uri: repository.repositoryUri ?? "",
        policyChanged,
        lifecycleChanged,
        settingsChanged,
      };
    },

    async getAuthorization(): Promise<RegistryAuthorization> {
      const output = await call("GetAuthorizationToken", undefined, () =>
        client.send(new GetAuthorizationTokenCommand({})),
      );
      const data = output.authorizationData?.[0];
      // Never put the token itself in an error: it is a password.
      const broken = (what: string) =>
        new RegistryProviderError("GetAuthorizationToken", undefined, new Error(`the answer has ${what}`));
      if (!data?.authorizationToken || !data.proxyEndpoint || !data.expiresAt) {
        throw broken("no token, endpoint or expiry");
      }
      const decoded = Buffer.from(data.authorizationToken, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon <= 0 || colon === decoded.length - 1)
        throw broken("a token that is not base64 of user:password");
      return {
        endpoint: data.proxyEndpoint,
        username: decoded.slice(0, colon),
        password: decoded.slice(colon + 1),
        expiresAt: data.expiresAt,
      };
    },
  };
}

function same(current: string, wanted: string): boolean {
  const canonical = canonicalPolicyJson(current);
  return canonical !== undefined && canonical === canonicalPolicyJson(wanted);
}
