/**
 * A real CNCF Distribution registry (Debian's `docker-registry`) for adapter tests, on 127.0.0.1 with a
 * free port and a temporary storage directory. Auth: htpasswd (Basic), token (Bearer, with the tiny token
 * server from `token-server.ts`) or none.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import { freePort, waitForHttp } from "./free-port.js";
import { startTokenServer, type TokenServer } from "./token-server.js";

export const REGISTRY_BINARY = "/usr/bin/docker-registry";
export const SKOPEO_BINARY = "/usr/bin/skopeo";

/** Whether the registry tests can run; in CI they must (the caller fails instead of skipping). */
export function registryToolsPresent(): boolean {
  return existsSync(REGISTRY_BINARY) && existsSync(SKOPEO_BINARY);
}

export interface TestRegistry {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `127.0.0.1:PORT`, as skopeo's docker:// references want it. */
  readonly host: string;
  readonly credentials: { username: string; password: string };
  /** Present for `auth: "token"`. */
  readonly tokens?: TokenServer;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));

export async function startRegistry(options: {
  auth: "htpasswd" | "token" | "none";
  /** The htpasswd or token user (default `sofie`); ECR's is `AWS`. */
  username?: string;
}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), "sofie-registry-"));
  const port = await freePort();
  const credentials = {
    username: options.username ?? "sofie",
    password: `pw-${Math.random().toString(36).slice(2)}`,
  };
  let auth = "";
  let tokens: TokenServer | undefined;
  if (options.auth === "htpasswd") {
    writeFileSync(
      join(dir, "htpasswd"),
      `${credentials.username}:${bcrypt.hashSync(credentials.password, 5)}\n`,
    );
    auth = `auth:\n  htpasswd:\n    realm: sofie-test\n    path: ${join(dir, "htpasswd")}\n`;
  } else if (options.auth === "token") {
    tokens = await startTokenServer(credentials);
    writeFileSync(join(dir, "key.pem"), tokens.privateKeyPem);
    // A self-signed certificate for the signing key: Distribution trusts the keys of its root bundle.
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-new",
        "-key",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
        "-days",
        "2",
        "-subj",
        "/CN=sofie-test-token",
      ],
      { stdio: "ignore" },
    );
    auth =
      `auth:\n  token:\n    realm: ${tokens.realm}\n    service: ${tokens.service}\n` +
      `    issuer: ${tokens.issuer}\n    rootcertbundle: ${join(dir, "cert.pem")}\n`;
  }
  const config =
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n` +
    `storage:\n  filesystem:\n    rootdirectory: ${join(dir, "data")}\n  delete:\n    enabled: true\n` +
    `http:\n  addr: 127.0.0.1:${port}\n  secret: ${Math.random().toString(36).slice(2)}\n${auth}`;
  writeFileSync(join(dir, "config.yml"), config);
  const child = spawn(REGISTRY_BINARY, ["serve", join(dir, "config.yml")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  running.add(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.unref();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/v2/`, 15_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`docker-registry did not start: ${String(error)}\n${stderr}`);
  }
  return {
    url,
    host: `127.0.0.1:${port}`,
    credentials,
    ...(tokens === undefined ? {} : { tokens }),
    async stop() {
      running.delete(child);
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await tokens?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
