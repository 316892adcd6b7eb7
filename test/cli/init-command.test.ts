import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliIo } from "../../src/cli/cli-io.js";
import { runCli } from "../../src/cli/run-cli.js";
import { MANIFEST_PATH, WORKFLOW_PATH } from "../../src/domain/names.js";
import { prefillOnboarding } from "../../src/use-cases/prefill-onboarding.js";
import { loadSample } from "../helpers/onboarding-samples.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sofie-init-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const io = { out: "", err: "" };
  const world: CliIo = {
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
    readFile: () => {
      throw new Error("init reads the checkout itself");
    },
  };
  const code = await runCli(argv, world);
  return { code, ...io };
}

/** A copy of a sample repository in the temp folder, as a git checkout of `origin` when asked. */
async function checkout(name: string, git?: { url: string; head: string; originHead?: string }) {
  await cp(loadSample(name).dir, dir, { recursive: true });
  if (git) {
    await mkdir(join(dir, ".git/refs/remotes/origin"), { recursive: true });
    await writeFile(join(dir, ".git/HEAD"), `ref: refs/heads/${git.head}\n`);
    await writeFile(
      join(dir, ".git/config"),
      `[core]\n\tbare = false\n[remote "origin"]\n\turl = ${git.url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`,
    );
    if (git.originHead) {
      await writeFile(
        join(dir, ".git/refs/remotes/origin/HEAD"),
        `ref: refs/remotes/origin/${git.originHead}\n`,
      );
    }
  }
}

const read = (path: string) => readFile(join(dir, path), "utf8");

describe("sofie-bot init", () => {
  it("writes the manifest and the workflow the onboarding pull request would", async () => {
    const sample = loadSample("gradle-arg-port");
    await checkout(sample.name);
    const { code, out, err } = await cli(
      "init",
      dir,
      "--repo",
      "sofie-iot/meter-gateway",
      "--branch",
      "main",
    );
    expect({ code, err }).toEqual({ code: 0, err: "" });
    const pr = await prefillOnboarding(
      { listPaths: async () => sample.files, readFile: async (path) => sample.contents[path] },
      { owner: "sofie-iot", repo: "meter-gateway", defaultBranch: "main" },
    );
    expect(await read(MANIFEST_PATH)).toBe(pr.files[MANIFEST_PATH]);
    expect(await read(WORKFLOW_PATH)).toBe(pr.files[WORKFLOW_PATH]);
    expect(out).toContain(`wrote ${MANIFEST_PATH}`);
    expect(out).toContain(`wrote ${WORKFLOW_PATH}`);
    expect(out).toContain("sofie-bot check");
  });

  it("takes the repository and the watched branch from the git checkout's origin", async () => {
    await checkout("node-jest", {
      url: "git@github.com:Energy-Exchange/Flexibility_Gateway.git",
      head: "feature/x",
      originHead: "develop",
    });
    expect((await cli("init", dir)).code).toBe(0);
    const manifest = await read(MANIFEST_PATH);
    expect(manifest).toContain('component: "flexibility-gateway"');
    expect(manifest).toContain('pilot: "energy-exchange"');
    expect(manifest).toContain('branch: "develop"');
    expect(manifest).toContain('developers: "@Energy-Exchange/TODO-team"');
  });

  it("falls back to the current branch and an https origin", async () => {
    await checkout("node-jest", { url: "https://github.example.com/sofie-iot/gateway", head: "trunk" });
    expect((await cli("init", dir)).code).toBe(0);
    const manifest = await read(MANIFEST_PATH);
    expect(manifest).toContain('component: "gateway"');
    expect(manifest).toContain('branch: "trunk"');
  });

  it("says what it guessed when the checkout has no origin", async () => {
    await checkout("python-pytest");
    const { code, err } = await cli("init", dir);
    expect(code).toBe(0);
    expect(err).toMatch(/no 'origin' remote.*--repo owner\/name/);
    expect(await read(MANIFEST_PATH)).toMatch(/^branch: "main"$/m);
  });

  it("refuses to overwrite a file, naming it and --force, and writes nothing", async () => {
    await checkout("node-jest");
    await mkdir(join(dir, ".sofie"));
    await writeFile(join(dir, MANIFEST_PATH), "mine\n");
    const { code, out, err } = await cli("init", dir, "--repo", "o/r");
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toContain(`${MANIFEST_PATH} already exists`);
    expect(err).toContain("sofie-bot init --force");
    expect(await read(MANIFEST_PATH)).toBe("mine\n");
    await expect(read(WORKFLOW_PATH)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("overwrites both files with --force", async () => {
    await checkout("node-jest");
    await mkdir(join(dir, ".github/workflows"), { recursive: true });
    await writeFile(join(dir, WORKFLOW_PATH), "mine\n");
    expect((await cli("init", "--force", dir, "--repo", "o/r")).code).toBe(0);
    expect(await read(WORKFLOW_PATH)).toContain("sofie-results");
  });

  it.each([
    [["init", "--bogus"], /unknown option --bogus/],
    [["init", "a", "b"], /at most one directory/],
    [["init", "--repo", "not-a-repo"], /--repo needs owner\/name/],
    [["init", "--branch"], /--branch needs a branch name/],
  ])("exits 1 on a usage error %j", async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(1);
    expect(err).toMatch(message);
  });

  it("exits 2 when the directory does not exist", async () => {
    const { code, err } = await cli("init", join(dir, "nowhere"));
    expect(code).toBe(2);
    expect(err).toMatch(/not a directory/);
  });

  it("is what `check` suggests when there is no manifest", async () => {
    const { code, err } = await cli("check", dir);
    expect(code).toBe(2);
    expect(err).toContain("run `sofie-bot init` to create one");
  });
});
