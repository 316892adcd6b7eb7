/**
 * `npm start` (scripts/start.js) compiles only when its inputs changed, checked from outside
 * on a copy of the project: a start with nothing changed leaves lib/ untouched and says so; a
 * change to a file under src/ is compiled before the app listens; a change that does not
 * compile stops the start instead of running the old lib/. SIGTERM stops the app cleanly.
 */
import { spawn } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { testPrivateKey } from "../helpers/app-keys.js";
import { freePort } from "../helpers/free-port.js";

const ROOT = process.cwd();
const COPIED = [
  "src",
  "scripts",
  "lib",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
];

interface Started {
  output: string;
  code: number | null;
}

/** `node scripts/start.js` in `dir`; once /healthz answers, SIGTERM; resolves its output and exit code. */
async function startAndStop(dir: string): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/start.js"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      APP_ID: "1",
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: "start-test",
      PORT: String(port),
      HOST: "127.0.0.1",
      GHE_HOST: "127.0.0.1:9",
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      SOFIE_RUN_JOBS: "false",
      SOFIE_DATABASE: join(dir, "data", "sofie.sqlite"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let code: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (exitCode) => {
      code = exitCode;
      resolve();
    }),
  );
  // Until /healthz answers or the process ends (a failed build), within the test's own timeout.
  while (code === undefined) {
    const answer = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    await answer?.arrayBuffer();
    if (answer?.status === 200) {
      child.kill("SIGTERM");
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await exited;
  return { output, code: code ?? null };
}

/** Every file under lib/ with its modification time. */
function libTimes(dir: string): Map<string, number> {
  const lib = join(dir, "lib");
  return new Map(
    readdirSync(lib, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(lib, path), statSync(path).mtimeMs] as const;
      }),
  );
}

describe("npm start compiles only what changed", () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "sofie-start-"));
    for (const name of COPIED)
      cpSync(join(ROOT, name), join(dir, name), { recursive: true, preserveTimestamps: true });
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("leaves lib/ alone when nothing changed, and compiles a change before listening", async () => {
    // However lib/ was left, after one start it matches the inputs.
    const first = await startAndStop(dir);
    expect(first.code).toBe(0);
    expect(first.output).toContain("Listening on http://127.0.0.1:");
    expect(first.output).toContain("SIGTERM: stopping the server");
    expect(first.output).toContain("server stopped");
    const built = libTimes(dir);

    const second = await startAndStop(dir);
    expect(second.code).toBe(0);
    expect(second.output).toMatch(
      /build inputs unchanged \([0-9a-f]{12}\): lib\/ is up to date, not compiling/,
    );
    expect(second.output).not.toContain("compiled lib/");
    expect(libTimes(dir)).toEqual(built);

    appendFileSync(join(dir, "src/index.ts"), "// changed by the start test\n");
    const third = await startAndStop(dir);
    expect(third.code).toBe(0);
    expect(third.output).toMatch(/build inputs changed \([0-9a-f]{12}\): compiled lib\/ in \d+ ms/);
    expect(third.output).toContain("Listening on http://127.0.0.1:");
    expect(readFileSync(join(dir, "lib/index.js"), "utf8")).toContain("// changed by the start test");
    expect(libTimes(dir).get("index.js")).not.toBe(built.get("index.js"));
  }, 300_000);

  it("does not start the old lib/ when the change does not compile", async () => {
    appendFileSync(join(dir, "src/index.ts"), "export const broken: number = 'not a number';\n");
    const failed = await startAndStop(dir);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain("build failed, not starting");
    expect(failed.output).toContain("src/index.ts");
    expect(failed.output).not.toContain("Listening on");
  }, 300_000);
});
