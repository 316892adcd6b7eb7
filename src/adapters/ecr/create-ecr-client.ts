import { POLICY_PATH } from "../../domain/names.js";
import { ECRClient } from "@aws-sdk/client-ecr";
import type { AwsSettings } from "../../config/aws-settings.js";

/** Where the ECR client's settings come from besides the environment. */
export interface EcrClientOptions {
  /** The organisation policy's `registry.region`: where the repositories live. */
  readonly region?: string;
}

/**
 * An ECR client for the bot: credentials from the SDK's standard chain (environment, shared
 * files, SSO, web identity, container and instance metadata), the region of the policy (else
 * `AWS_REGION`), and the endpoint from `AWS_ENDPOINT_URL_ECR` (else `AWS_ENDPOINT_URL`).
 *
 * The SDK (3.1169) reads the endpoint variables itself, but only from `process.env`; the factory
 * sets `endpoint` explicitly from the `env` it is given so that what it is given is what it uses,
 * whatever the SDK version. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` is honoured as the SDK does.
 *
 * @throws Error naming the variable to fix when there is no region or the endpoint is not a URL.
 */
export function createEcrClient(settings: AwsSettings, options: EcrClientOptions = {}): ECRClient {
  // The policy's region wins: it is where the repositories are, while AWS_REGION is often just
  // where the bot happens to run (ECS and Lambda set it to their own region).
  const region = options.region ?? settings.region;
  if (!region) {
    throw new Error(
      `no AWS region for ECR; set registry.region in ${POLICY_PATH} or AWS_REGION in the bot's environment`,
    );
  }
  const endpoint = settings.ecrEndpoint;
  return new ECRClient({ region, ...(endpoint === undefined ? {} : { endpoint }) });
}
