// Helpers of the start-up and webhook-body benchmarks: the app as a separate process, as an
// operator runs it, with throwaway credentials, its own SQLite file and no job loop (so it
// calls no GitHub), on a free port of 127.0.0.1.
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { performance } from "node:perf_hooks";
import { clearTimeout, setTimeout } from "node:timers";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const WEBHOOK_SECRET = "bench-webhook-secret";
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const spread = (values) => ({
  min: Math.min(...values),
  median: median(values),
  max: Math.max(...values),
});

let privateKey;
export function appEnv(port, extra = {}) {
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    APP_ID: "1",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET,
    PORT: String(port),
    HOST: "127.0.0.1",
    GHE_HOST: "127.0.0.1:9",
    GHE_PROTOCOL: "http",
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
    SOFIE_RUN_JOBS: "false",
    SOFIE_DATABASE: join(mkdtempSync(join(tmpdir(), "sofie-bench-db-")), "sofie.sqlite"),
    ...extra,
  };
}

/** An app with no handler at all, for `probot run`: what Probot itself does with a webhook. */
export function plainAppFile() {
  const file = join(mkdtempSync(join(tmpdir(), "sofie-bench-app-")), "plain-app.mjs");
  writeFileSync(file, "export default () => {};\n");
  return file;
}

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/**
 * Spawns `command args` with `env` (stdout and stderr counted, and kept when `keepOutput`);
 * resolves once the port accepts a connection, with the milliseconds from spawn to then.
 */
export async function startApp(command, args, env, { keepOutput = false, timeoutMs = 120_000 } = {}) {
  const started = performance.now();
  // Its own process group, so that a stop reaches whatever npm or sh started under it.
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // the group is gone already
    }
  };
  let outputBytes = 0;
  let output = "";
  const take = (chunk) => {
    outputBytes += chunk.length;
    if (keepOutput) output += chunk.toString();
  };
  child.stdout.on("data", take);
  child.stderr.on("data", take);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let gone = false;
  void exited.then(() => (gone = true));
  while (!(await accepts(Number(env.PORT)))) {
    if (gone || performance.now() - started > timeoutMs) {
      signal("SIGKILL");
      throw new Error(`${command} ${args.join(" ")} did not listen:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const listenMs = performance.now() - started;
  return {
    child,
    listenMs,
    outputBytes: () => outputBytes,
    output: () => output,
    async stop() {
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
