/**
 * A fake Amazon ECR control plane on 127.0.0.1, speaking the AWS JSON 1.1 protocol the SDK uses
 * (`POST /`, `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>`). It keeps the
 * repositories and their policies in memory, answers errors as ECR does (`{"__type", "message"}`
 * with HTTP 400) and records every call, so a test can assert what the app asked for. The data
 * plane is a real registry: `GetAuthorizationToken` hands out its address and credentials.
 *
 * @example
 * const ecr = await startFakeEcr({ proxyEndpoint: target.url, username: "AWS", password });
 * // run the app with AWS_ENDPOINT_URL_ECR=ecr.url
 * expect(ecr.callsTo("CreateRepository")).toHaveLength(1);
 * await ecr.close();
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./fake-http-io.js";

/** One call the app made. */
export interface EcrCall {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

/** A repository as the fake keeps it. */
export interface FakeEcrRepository {
  readonly name: string;
  scanOnPush: boolean;
  imageTagMutability: string;
  readonly encryptionConfiguration: unknown;
  readonly tags: unknown;
  policyText?: string;
  lifecyclePolicyText?: string;
}

export interface FakeEcr {
  /** `http://127.0.0.1:PORT`, for `AWS_ENDPOINT_URL_ECR`. */
  readonly url: string;
  readonly calls: EcrCall[];
  readonly repositories: Map<string, FakeEcrRepository>;
  /** Unsigned requests, unknown operations, malformed bodies. */
  readonly problems: string[];
  callsTo(operation: string): EcrCall[];
  close(): Promise<void>;
}

export interface FakeEcrOptions {
  /** What `GetAuthorizationToken` answers as `proxyEndpoint`: the registry standing for ECR's data plane. */
  readonly proxyEndpoint: string;
  readonly username: string;
  readonly password: string;
  readonly account?: string;
  readonly region?: string;
}

const TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";

class EcrError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startFakeEcr(options: FakeEcrOptions): Promise<FakeEcr> {
  const account = options.account ?? "123456789012";
  const region = options.region ?? "eu-west-1";
  const calls: EcrCall[] = [];
  const problems: string[] = [];
  const repositories = new Map<string, FakeEcrRepository>();

  const find = (input: Record<string, unknown>): FakeEcrRepository => {
    const name = String(input.repositoryName);
    const found = repositories.get(name);
    if (!found)
      throw new EcrError(
        "RepositoryNotFoundException",
        `The repository with name '${name}' does not exist in the registry with id '${account}'`,
      );
    return found;
  };
  const describe = (r: FakeEcrRepository) => ({
    repositoryArn: `arn:aws:ecr:${region}:${account}:repository/${r.name}`,
    registryId: account,
    repositoryName: r.name,
    repositoryUri: `${account}.dkr.ecr.${region}.amazonaws.com/${r.name}`,
    createdAt: 1_780_000_000,
    imageTagMutability: r.imageTagMutability,
    imageScanningConfiguration: { scanOnPush: r.scanOnPush },
    encryptionConfiguration: r.encryptionConfiguration,
  });
  const ids = (r: FakeEcrRepository) => ({ registryId: account, repositoryName: r.name });

  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    CreateRepository(input) {
      const name = String(input.repositoryName);
      if (repositories.has(name))
        throw new EcrError(
          "RepositoryAlreadyExistsException",
          `The repository with name '${name}' already exists in the registry with id '${account}'`,
        );
      const repository: FakeEcrRepository = {
        name,
        scanOnPush:
          (input.imageScanningConfiguration as { scanOnPush?: boolean } | undefined)?.scanOnPush ?? false,
        imageTagMutability: String(input.imageTagMutability ?? "MUTABLE"),
        encryptionConfiguration: input.encryptionConfiguration ?? { encryptionType: "AES256" },
        tags: input.tags ?? [],
      };
      repositories.set(name, repository);
      return { repository: describe(repository) };
    },
    DescribeRepositories(input) {
      const names = (input.repositoryNames as string[] | undefined) ?? [...repositories.keys()];
      return { repositories: names.map((name) => describe(find({ repositoryName: name }))) };
    },
    GetRepositoryPolicy(input) {
      const r = find(input);
      if (r.policyText === undefined)
        throw new EcrError(
          "RepositoryPolicyNotFoundException",
          `Repository policy does not exist for the repository with name '${r.name}'`,
        );
      return { ...ids(r), policyText: r.policyText };
    },
    SetRepositoryPolicy(input) {
      const r = find(input);
      r.policyText = String(input.policyText);
      return { ...ids(r), policyText: r.policyText };
    },
    GetLifecyclePolicy(input) {
      const r = find(input);
      if (r.lifecyclePolicyText === undefined)
        throw new EcrError(
          "LifecyclePolicyNotFoundException",
          `Lifecycle policy does not exist for the repository with name '${r.name}'`,
        );
      return { ...ids(r), lifecyclePolicyText: r.lifecyclePolicyText, lastEvaluatedAt: 1_780_000_000 };
    },
    PutLifecyclePolicy(input) {
      const r = find(input);
      r.lifecyclePolicyText = String(input.lifecyclePolicyText);
      return { ...ids(r), lifecyclePolicyText: r.lifecyclePolicyText };
    },
    PutImageScanningConfiguration(input) {
      const r = find(input);
      r.scanOnPush = Boolean((input.imageScanningConfiguration as { scanOnPush?: boolean }).scanOnPush);
      return { ...ids(r), imageScanningConfiguration: { scanOnPush: r.scanOnPush } };
    },
    PutImageTagMutability(input) {
      const r = find(input);
      r.imageTagMutability = String(input.imageTagMutability);
      return { ...ids(r), imageTagMutability: r.imageTagMutability };
    },
    GetAuthorizationToken() {
      const token = Buffer.from(`${options.username}:${options.password}`).toString("base64");
      return {
        authorizationData: [
          {
            authorizationToken: token,
            proxyEndpoint: options.proxyEndpoint,
            expiresAt: Math.floor(Date.now() / 1000) + 12 * 3600,
          },
        ],
      };
    },
  };

  const server = createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify(body));
    };
    readBody(req)
      .then((raw) => {
        const target = String(req.headers["x-amz-target"] ?? "");
        const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
        if (req.method !== "POST" || req.url !== "/")
          problems.push(`unexpected ${req.method} ${req.url} (${operation})`);
        if (!String(req.headers["content-type"]).startsWith("application/x-amz-json-1.1"))
          problems.push(`${operation}: content-type ${req.headers["content-type"]}`);
        if (!String(req.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 "))
          problems.push(`${operation}: not signed with SigV4`);
        let input: Record<string, unknown>;
        try {
          input = JSON.parse(raw.toString("utf8") || "{}") as Record<string, unknown>;
        } catch {
          problems.push(`${operation}: body is not JSON`);
          return answer(400, { __type: "SerializationException", message: "body is not JSON" });
        }
        calls.push({ operation, input });
        const handler = operations[operation];
        if (!handler) {
          problems.push(`unknown operation ${target}`);
          return answer(400, { __type: "UnknownOperationException", message: `unknown ${target}` });
        }
        try {
          answer(200, handler(input));
        } catch (error) {
          if (!(error instanceof EcrError)) throw error;
          answer(400, { __type: error.type, message: error.message });
        }
      })
      .catch((error: unknown) => {
        problems.push(`fake ECR crashed: ${String(error)}`);
        if (!res.headersSent) answer(500, { __type: "ServerException", message: "fake ECR crashed" });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  server.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    repositories,
    problems,
    callsTo: (operation) => calls.filter((c) => c.operation === operation),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
