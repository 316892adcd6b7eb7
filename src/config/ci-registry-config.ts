/**
 * Where promotions may read images from: the CI registries the operator trusts, and which
 * credentials go to which of them. `images.json` is written by a component's CI and is
 * untrusted, so it never decides where a credential is sent: a reference to any other host
 * is refused before a single request is made.
 */
export interface CiRegistryConfig {
  /** Hosts (`host` or `host:port`, lower case) images may be read from. */
  readonly hosts: readonly string[];
  /** Hosts reached over plain HTTP (tests, private networks). */
  readonly insecure: readonly string[];
  /**
   * Explicit credentials, sent to every host of `hosts`. Without them the installation's
   * GitHub token is sent, but only to `tokenHost`, the registry of the GitHub that issued it.
   */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** The container registry of the GitHub instance the app runs against (`ghcr.io`, or `containers.{GHE_HOST}`). */
  readonly tokenHost: string;
}

const HOST = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::\d{1,5})?$/;

function hostList(name: string, value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const hosts = value
    .split(",")
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  for (const host of hosts) {
    if (!HOST.test(host))
      throw new Error(
        `${name}: "${host}" is not a registry host; write host or host:port, comma-separated (e.g. ghcr.io,registry.example.com:5000)`,
      );
  }
  return hosts;
}

/**
 * Reads `SOFIE_CI_REGISTRY_HOSTS`, `SOFIE_INSECURE_REGISTRIES`, `SOFIE_CI_REGISTRY_USERNAME`
 * and `SOFIE_CI_REGISTRY_PASSWORD`. The default host list is `ghcr.io`, plus
 * `containers.{GHE_HOST}` (GitHub Enterprise Server's container registry) when `GHE_HOST`
 * is set. Throws a message naming the variable and the fix.
 */
export function readCiRegistryConfig(env: NodeJS.ProcessEnv): CiRegistryConfig {
  const ghe = env.GHE_HOST?.trim().toLowerCase();
  const tokenHost = ghe ? `containers.${ghe}` : "ghcr.io";
  const hosts = hostList("SOFIE_CI_REGISTRY_HOSTS", env.SOFIE_CI_REGISTRY_HOSTS) ?? [
    "ghcr.io",
    ...(ghe ? [tokenHost] : []),
  ];
  const insecure = hostList("SOFIE_INSECURE_REGISTRIES", env.SOFIE_INSECURE_REGISTRIES) ?? [];
  const password = env.SOFIE_CI_REGISTRY_PASSWORD;
  const username = env.SOFIE_CI_REGISTRY_USERNAME?.trim();
  if (username && !password)
    throw new Error(
      "SOFIE_CI_REGISTRY_USERNAME is set without SOFIE_CI_REGISTRY_PASSWORD; set both, or neither to use the installation's token",
    );
  return {
    hosts,
    insecure,
    tokenHost,
    ...(password ? { credentials: { username: username || "x-access-token", password } } : {}),
  };
}
