/** Looks into a test registry over the distribution API, as a test's own eyes (Basic auth). */
import type { TestRegistry } from "./registry.js";

const authorization = (registry: TestRegistry) =>
  `Basic ${Buffer.from(`${registry.credentials.username}:${registry.credentials.password}`).toString("base64")}`;

/** Whether `repository` on `registry` holds the blob `digest` (HEAD, 200). */
export async function hasBlob(registry: TestRegistry, repository: string, digest: string): Promise<boolean> {
  const response = await fetch(`${registry.url}/v2/${repository}/blobs/${digest}`, {
    method: "HEAD",
    headers: { authorization: authorization(registry) },
  });
  return response.status === 200;
}

/** The repositories the registry holds (`GET /v2/_catalog`). */
export async function catalog(registry: TestRegistry): Promise<string[]> {
  const response = await fetch(`${registry.url}/v2/_catalog`, {
    headers: { authorization: authorization(registry) },
  });
  return ((await response.json()) as { repositories: string[] }).repositories;
}
