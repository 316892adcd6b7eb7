/** Runs skopeo against test registries on 127.0.0.1 (plain HTTP, no signature policy). */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { SKOPEO_BINARY } from "./registry.js";

const run = promisify(execFile);

/** `skopeo <args>` with `--insecure-policy`; resolves with stdout, rejects with stderr in the message. */
export async function skopeo(args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run(SKOPEO_BINARY, ["--insecure-policy", ...args], { maxBuffer: 16 << 20 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`skopeo ${args[0]} failed: ${stderr.trim() || String(error)}`);
  }
}

/** Pushes `tag` of an OCI layout to `docker://host/repository:tag`, every platform, digests preserved. */
export async function pushLayout(
  layout: string,
  tag: string,
  registry: { host: string; credentials: { username: string; password: string } },
  repository: string,
): Promise<void> {
  await skopeo([
    "copy",
    "--all",
    "--preserve-digests",
    "--dest-tls-verify=false",
    "--dest-creds",
    `${registry.credentials.username}:${registry.credentials.password}`,
    `oci:${layout}:${tag}`,
    `docker://${registry.host}/${repository}:${tag}`,
  ]);
}

/** `skopeo inspect [--raw] docker://host/repository:reference` (reference a tag or `@digest`). */
export async function inspect(
  registry: { host: string; credentials: { username: string; password: string } },
  image: string,
  raw: boolean,
): Promise<string> {
  return skopeo([
    "inspect",
    ...(raw ? ["--raw"] : []),
    "--tls-verify=false",
    "--creds",
    `${registry.credentials.username}:${registry.credentials.password}`,
    `docker://${registry.host}/${image}`,
  ]);
}
