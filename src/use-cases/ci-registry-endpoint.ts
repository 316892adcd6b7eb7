import type { CiRegistryConfig } from "../config/ci-registry-config.js";
import type { RegistryEndpoint } from "../ports/image-registry.js";
import { PermanentFailure } from "./classify-failure.js";

/**
 * How to reach the CI registry `host` that an `images.json` names. The host must be one the
 * operator configured: any other is refused before a request is made, so untrusted input
 * never decides where a credential goes. Explicit credentials go to every configured host;
 * the installation's GitHub token only to the registry of the GitHub that issued it.
 */
export async function ciRegistryEndpoint(
  config: CiRegistryConfig,
  host: string,
  installationToken: () => Promise<string>,
): Promise<RegistryEndpoint> {
  const wanted = host.toLowerCase();
  if (!config.hosts.includes(wanted))
    throw new PermanentFailure(
      `images.json names an image on ${host}, which is not a CI registry this platform reads from (${config.hosts.join(", ")}); nothing was requested from it`,
      "push the image to a configured CI registry (SOFIE_CI_REGISTRY_HOSTS) and re-run the CI workflow",
    );
  const url = `${config.insecure.includes(wanted) ? "http" : "https"}://${host}`;
  if (config.credentials) return { url, credentials: config.credentials };
  if (wanted !== config.tokenHost) return { url };
  return { url, credentials: { username: "x-access-token", password: await installationToken() } };
}
