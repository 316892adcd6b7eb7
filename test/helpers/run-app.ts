import { spawn, type ChildProcess } from "node:child_process";
import { testPrivateKey } from "./app-keys.js";
import type { FakeGitHub } from "./fake-github-server.js";
import { freePort, waitForHttp } from "./free-port.js";

export interface RunningApp {
  readonly url: string;
  readonly webhookUrl: string;
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash or an OOM kill would; resolves when the process has exited. */
  kill(): Promise<void>;
}

export const WEBHOOK_SECRET = "e2e-webhook-secret";

/**
 * Starts the built app the way `npm start` does once lib/ is up to date (`node lib/start.js`:
 * Probot's `run` in process, the webhook guard in front), as a child process with Probot's
 * variables, pointed at the fake GitHub as a GitHub Enterprise Server. `npm test` builds `lib/`
 * before jest runs; the build check of `scripts/start.js` is left out so that parallel tests
 * never compile into one lib/ at once.
 */
export async function runApp(gh: FakeGitHub, env: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["lib/start.js"], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH,
      ...gh.env,
      APP_ID: "1",
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      // A short lease: a killed app's jobs are taken again by the next one within 5 s.
      SOFIE_JOB_LEASE_SECONDS: "5",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForHttp(`${url}/healthz`).catch((error: unknown) => {
    child.kill("SIGKILL");
    throw new Error(`${String(error)}\napp output:\n${output}`);
  });
  return {
    url,
    webhookUrl: `${url}/api/github/webhooks`,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}
