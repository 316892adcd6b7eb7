/**
 * The AWS settings the bot takes from its environment, read once at start. Credentials are
 * not among them: the SDK's standard chain finds those (environment, profile, IRSA, instance
 * role) when a client first signs a request.
 */
export interface AwsSettings {
  /** `AWS_REGION` or `AWS_DEFAULT_REGION`: the fallback when the policy names no registry region. */
  readonly region?: string;
  /** `AWS_ENDPOINT_URL_ECR` or `AWS_ENDPOINT_URL` (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`). */
  readonly ecrEndpoint?: string;
}

/** Reads and checks the AWS settings; a bad endpoint stops the app with the variable's name and the fix. */
export function readAwsSettings(env: NodeJS.ProcessEnv): AwsSettings {
  const region = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim();
  const ecrEndpoint = endpointFrom(env);
  return { ...(region ? { region } : {}), ...(ecrEndpoint === undefined ? {} : { ecrEndpoint }) };
}

function endpointFrom(env: NodeJS.ProcessEnv): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === "true") return undefined;
  for (const variable of ["AWS_ENDPOINT_URL_ECR", "AWS_ENDPOINT_URL"] as const) {
    const value = env[variable]?.trim();
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(
        `${variable} is not a URL; write it like "https://ecr.eu-west-1.amazonaws.com" or "http://127.0.0.1:4566"`,
      );
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new Error(`${variable} must be an http:// or https:// URL, not ${url.protocol}//…`);
    }
    return value;
  }
  return undefined;
}
