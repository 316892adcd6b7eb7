import { mkdir, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { MANIFEST_PATH, WORKFLOW_PATH } from "../domain/names.js";
import { prefillOnboarding } from "../use-cases/prefill-onboarding.js";
import { EXIT, type CliIo } from "./cli-io.js";
import { listCheckoutFiles, readCapped } from "./local-checkout.js";
import { readGitOrigin } from "./read-git-origin.js";

const USAGE = `usage: sofie-bot init [dir] [--force] [--repo owner/name] [--branch name]

Writes the files the onboarding pull request would add, prefilled from the checkout in dir
(default: the current directory):
  ${MANIFEST_PATH}              the component manifest
  ${WORKFLOW_PATH}   the CI workflow
then run your tests and 'sofie-bot check' to see what the bot will say.
  --force            overwrite those files when they exist
  --repo owner/name  the GitHub repository (default: the checkout's 'origin' remote)
  --branch name      the watched branch (default: origin's default branch, else the current one)
Exit: 0 written, 1 usage error, 2 a file exists (without --force) or dir is not a directory.`;

/** Largest file read for detection, as GitHub's contents API serves at most 1 MB. */
const MAX_FILE_BYTES = 1024 * 1024;
const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

interface InitOptions {
  readonly dir: string;
  readonly force: boolean;
  readonly repo?: string;
  readonly branch?: string;
}

function parseArgs(args: readonly string[]): InitOptions | string {
  const dirs: string[] = [];
  let force = false;
  let repo: string | undefined;
  let branch: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--force" || arg === "-f") force = true;
    else if (arg === "--repo") {
      repo = args[++i];
      if (repo === undefined || !REPO.test(repo)) return "--repo needs owner/name";
    } else if (arg === "--branch") {
      branch = args[++i];
      if (branch === undefined || branch === "") return "--branch needs a branch name";
    } else if (arg.startsWith("-") && arg !== "-") return `unknown option ${arg}`;
    else dirs.push(arg);
  }
  if (dirs.length > 1) return "give at most one directory";
  return {
    dir: dirs[0] ?? ".",
    force,
    ...(repo !== undefined ? { repo } : {}),
    ...(branch !== undefined ? { branch } : {}),
  };
}

/**
 * `sofie-bot init [dir]`: writes the manifest and the CI workflow the onboarding pull
 * request would add ({@link prefillOnboarding}, the same use case), from the local checkout,
 * never overwriting a file without `--force`. With `check`, the local preview of onboarding.
 */
export async function runInitCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }
  const options = parseArgs(args);
  if (typeof options === "string") {
    io.stderr(`sofie-bot init: ${options}\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { dir, force } = options;
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    io.stderr(`sofie-bot init: ${dir} is not a directory; give the root of your repository's checkout\n`);
    return EXIT.input;
  }
  const paths = [MANIFEST_PATH, WORKFLOW_PATH];
  if (!force) {
    const existing = [];
    for (const path of paths) if (await stat(join(dir, path)).catch(() => undefined)) existing.push(path);
    if (existing.length > 0) {
      io.stderr(`sofie-bot init: ${refusal(existing, dir)}\n`);
      return EXIT.input;
    }
  }

  const origin = await readGitOrigin(dir);
  const [owner, repo] = options.repo?.split("/") ?? [origin.owner, origin.repo];
  if (owner === undefined) {
    io.stderr(
      "sofie-bot init: no 'origin' remote on GitHub found in this checkout: the organisation is a placeholder; pass --repo owner/name, or fix pilot and developers by hand\n",
    );
  }
  const { facts, files } = await prefillOnboarding(
    {
      listPaths: () => listCheckoutFiles(dir),
      readFile: (path) => readCapped(join(dir, path), MAX_FILE_BYTES),
    },
    {
      owner: owner ?? "TODO-org",
      repo: repo ?? basename(resolve(dir)),
      defaultBranch: options.branch ?? origin.branch ?? "main",
    },
  );
  for (const path of paths) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    try {
      await writeFile(join(dir, path), files[path] ?? "", { flag: force ? "w" : "wx" });
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EEXIST") throw error;
      io.stderr(`sofie-bot init: ${refusal([path], dir)}\n`); // created meanwhile
      return EXIT.input;
    }
    io.stdout(`wrote ${path}\n`);
  }
  const images = facts.images.map(
    (image) =>
      `  ${image.dockerfile} → image ${image.name}; ports: ${image.ports.map((p) => `${p.env}=${p.default}`).join(", ") || "none"}`,
  );
  io.stdout(
    [
      "",
      `component ${facts.component}, pilot ${facts.pilot} (a guess), watched branch ${facts.branch}, tests: ${facts.tests.framework}`,
      ...(images.length > 0
        ? images
        : ["  no Dockerfile found: add one, or point images[].dockerfile at yours"]),
      "",
      "Next: fix the lines marked TODO (pilot, developers), run your tests so that JUnit reports land",
      "under reports/, then run 'sofie-bot check' to see what the bot will say. Commit both files.",
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}

function refusal(existing: readonly string[], dir: string): string {
  const which =
    existing.length === 1 ? `${existing[0]} already exists` : `${existing.join(" and ")} already exist`;
  return `${which} in ${dir}; nothing was written. Run 'sofie-bot init --force${dir === "." ? "" : ` ${dir}`}' to overwrite ${existing.length === 1 ? "it" : "them"} (both files are rewritten)`;
}
