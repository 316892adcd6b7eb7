import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DescribeRepositoriesCommand, ECRClient } from "@aws-sdk/client-ecr";
import { createEcrClient as createFromSettings } from "../../../src/adapters/ecr/create-ecr-client.js";
import { readAwsSettings } from "../../../src/config/aws-settings.js";

/** The environment read as the app reads it at start, then the client made from it. */
const createEcrClient = (env: NodeJS.ProcessEnv, options?: { region?: string }) =>
  createFromSettings(readAwsSettings(env), options);

// A stand-in for ECR's JSON API on 127.0.0.1 that records what reaches it.
let server: Server;
let endpoint: string;
const seen: { target: string | undefined; authorization: string | undefined }[] = [];

const VARIABLES = [
  "AWS_ENDPOINT_URL_ECR",
  "AWS_ENDPOINT_URL",
  "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
  "AWS_REGION",
] as const;
const saved = new Map<string, string | undefined>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const headers: IncomingHttpHeaders = request.headers;
    seen.push({
      target: headers["x-amz-target"] as string | undefined,
      authorization: headers.authorization,
    });
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      response.end(JSON.stringify({ repositories: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
  for (const name of VARIABLES) {
    saved.set(name, process.env[name]);
    delete process.env[name];
  }
  // The standard chain reads the environment first, so no test reaches for instance metadata.
  process.env.AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
});

afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("createEcrClient", () => {
  it("sends to AWS_ENDPOINT_URL_ECR from the env it is given, signed with the standard chain's credentials", async () => {
    const client = createEcrClient({ AWS_ENDPOINT_URL_ECR: endpoint, AWS_REGION: "eu-west-1" });
    await expect(client.send(new DescribeRepositoriesCommand({}))).resolves.toMatchObject({
      repositories: [],
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.target).toBe("AmazonEC2ContainerRegistry_V20150921.DescribeRepositories");
    expect(seen[0]?.authorization).toMatch(
      /Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/ecr\/aws4_request/,
    );
  });

  it("falls back to AWS_ENDPOINT_URL", async () => {
    const client = createEcrClient({ AWS_ENDPOINT_URL: endpoint }, { region: "eu-west-1" });
    await client.send(new DescribeRepositoriesCommand({}));
    expect(seen).toHaveLength(1);
  });

  it("verifies that this SDK version reads AWS_ENDPOINT_URL_ECR from process.env by itself", async () => {
    process.env.AWS_ENDPOINT_URL_ECR = endpoint;
    await new ECRClient({ region: "eu-west-1" }).send(new DescribeRepositoriesCommand({}));
    expect(seen).toHaveLength(1);
  });

  it("prefers the policy's region to AWS_REGION", async () => {
    const client = createEcrClient(
      { AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_ECR: endpoint },
      { region: "eu-west-1" },
    );
    await expect(client.config.region()).resolves.toBe("eu-west-1");
  });

  it("takes AWS_REGION when the policy gives none", async () => {
    await expect(createEcrClient({ AWS_REGION: "eu-north-1" }).config.region()).resolves.toBe("eu-north-1");
  });

  it("says where to set the region when there is none", () => {
    expect(() => createEcrClient({})).toThrow(
      /set registry.region in .github\/sofie-integration.yml or AWS_REGION/,
    );
  });

  it.each([
    ["not a URL", "127.0.0.1:4566", /AWS_ENDPOINT_URL_ECR is not a URL/],
    ["another scheme", "ftp://127.0.0.1/", /AWS_ENDPOINT_URL_ECR must be an http:\/\/ or https:\/\/ URL/],
  ])("refuses an endpoint that is %s", (_what, value, message) => {
    expect(() => createEcrClient({ AWS_ENDPOINT_URL_ECR: value, AWS_REGION: "eu-west-1" })).toThrow(message);
  });

  it("ignores configured endpoints when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true", async () => {
    const client = createEcrClient({
      AWS_ENDPOINT_URL_ECR: "not even a url",
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true",
      AWS_REGION: "eu-west-1",
    });
    expect(client.config.endpoint).toBeUndefined();
  });
});
