/**
 * `sofie-bot init` then `sofie-bot check`, the local preview of onboarding, with the built
 * CLI (`lib/cli/main.js`, the package's bin) run as a separate process on a temporary copy
 * of a sample repository. `npm test` builds `lib/` before jest runs.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSample } from "../helpers/onboarding-samples.js";

const MAIN = join(process.cwd(), "lib/cli/main.js");
const MANIFEST = ".sofie/component.yml";
const REPORT = '<testsuite name="gateway"><testcase name="starts"/><testcase name="stops"/></testsuite>';

function sofieBot(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { encoding: "utf8", timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sofie-init-e2e-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A copy of a sample repository whose unit tests have run (a JUnit report under reports/). */
async function checkout(sample: string): Promise<void> {
  await cp(loadSample(sample).dir, dir, { recursive: true });
  await mkdir(join(dir, "reports/junit"), { recursive: true });
  await writeFile(join(dir, "reports/junit/TEST-gateway.xml"), REPORT);
}

describe("sofie-bot init, then check, end to end", () => {
  it("passes for a parametrised repository; a second init refuses; --force overwrites", async () => {
    await checkout("gradle-arg-port");

    const init = await sofieBot("init", dir, "--repo", "sofie-iot/meter-gateway");
    expect(init).toMatchObject({ code: 0, stderr: "" });
    expect(init.stdout).toContain("ports: HTTP_PORT=8080");
    const written = await readFile(join(dir, MANIFEST), "utf8");

    const check = await sofieBot("check", dir);
    expect(check.stdout).toContain("Local checks pass.");
    expect(check).toMatchObject({ code: 0, stderr: "" });

    await writeFile(join(dir, MANIFEST), "edited by hand\n");
    const again = await sofieBot("init", dir, "--repo", "sofie-iot/meter-gateway");
    expect(again.code).toBe(2);
    expect(again.stdout).toBe("");
    expect(again.stderr).toMatch(
      /\.sofie\/component\.yml and \.github\/workflows\/sofie-ci\.yml already exist/,
    );
    expect(again.stderr).toContain("sofie-bot init --force");
    expect(await readFile(join(dir, MANIFEST), "utf8")).toBe("edited by hand\n");

    const forced = await sofieBot("init", "--force", dir, "--repo", "sofie-iot/meter-gateway");
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, MANIFEST), "utf8")).toBe(written);
  });

  it("fails the check of a repository whose Dockerfile hard-codes a port, at the line", async () => {
    await checkout("maven-two-images");
    expect((await sofieBot("init", dir, "--repo", "energy-exchange/market-services")).code).toBe(0);
    const check = await sofieBot("check", dir);
    expect(check.code).toBe(2);
    expect(check.stdout).toMatch(/^api\/Dockerfile:4:8 EXPOSE 9090 /m);
  });

  it("points a check with no manifest at init", async () => {
    const check = await sofieBot("check", dir);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain("run `sofie-bot init` to create one");
  });
});
