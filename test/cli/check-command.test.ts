import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { CliIo } from "../../src/cli/cli-io.js";
import { runCli } from "../../src/cli/run-cli.js";

const MANIFEST = `component: gateway
pilot: energy-exchange
images:
  - name: gateway
    ports: [{ name: http, env: HTTP_PORT, default: 8080 }]
developers: "@sofie-iot/gateway-team"
`;
const DOCKERFILE = "FROM node:20\nENV HTTP_PORT=8080\nEXPOSE 8080\nCMD node server.js --port $HTTP_PORT\n";
const PASSING = '<testsuite name="s"><testcase name="a"/><testcase name="b"/></testsuite>';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sofie-check-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

async function check(...args: string[]) {
  const io = { out: "", err: "" };
  const cli: CliIo = {
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
    readFile: (path) =>
      (async function* () {
        yield await readFile(path);
      })(),
  };
  const code = await runCli(["check", ...args], cli);
  return { code, ...io };
}

describe("sofie-bot check", () => {
  it("passes a checkout whose manifest, Dockerfile and reports are good, and says what needs GitHub", async () => {
    await put({ ".sofie/component.yml": MANIFEST, Dockerfile: DOCKERFILE, "reports/unit/a.xml": PASSING });
    const { code, out } = await check(dir);
    expect(code).toBe(0);
    expect(out).toContain("Local checks pass.");
    expect(out).toMatch(/- \[x\].*`manifest-valid`/);
    expect(out).toMatch(/- \[x\].*`images-parametrised`/);
    expect(out).toMatch(/- \[x\].*2 tests in the local checkout/);
    expect(out).toMatch(/not checked locally.*`push-received`/);
  });

  it("finds the reports the CI workflow gathers under sofie-results/", async () => {
    await put({
      ".sofie/component.yml": MANIFEST,
      Dockerfile: DOCKERFILE,
      "sofie-results/reports/a.xml": PASSING,
    });
    expect((await check(dir)).code).toBe(0);
  });

  it("fails with the Dockerfile line of a hard-coded address", async () => {
    await put({
      ".sofie/component.yml": MANIFEST,
      Dockerfile: `${DOCKERFILE}ENV BROKER=192.168.1.20\n`,
      "reports/a.xml": PASSING,
    });
    const { code, out } = await check(dir);
    expect(code).toBe(2);
    expect(out).toMatch(/^Dockerfile:5:\d+ hard-coded address 192\.168\.1\.20/m);
  });

  it("prints every manifest problem as file:line:col and fails", async () => {
    await put({
      ".sofie/component.yml": MANIFEST.replace("gateway\n", "Gateway_1\n"),
      Dockerfile: DOCKERFILE,
    });
    const { code, out } = await check(dir);
    expect(code).toBe(2);
    expect(out).toMatch(/^\.sofie\/component\.yml:1:12 /m);
  });

  it("fails when no report matches the manifest's junit glob", async () => {
    await put({ ".sofie/component.yml": MANIFEST, Dockerfile: DOCKERFILE });
    const { code, out } = await check(dir);
    expect(code).toBe(2);
    expect(out).toMatch(/no JUnit reports were found/);
  });

  it("exits 2 with one line when there is no manifest, and 1 on bad usage", async () => {
    const missing = await check(dir);
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split("\n")).toHaveLength(1);
    expect((await check("--bogus")).code).toBe(1);
    expect((await check(dir, dir)).code).toBe(1);
  });
});
