import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** `test/fixtures/onboarding/`: one folder per sample repository, its files under `repo/`. */
export const SAMPLES_DIR = fileURLToPath(new URL("../fixtures/onboarding/", import.meta.url));

/** A sample repository: what GitHub would say of it, and every file of its default branch. */
export interface OnboardingSample {
  readonly name: string;
  /** The folder holding the repository's files. */
  readonly dir: string;
  readonly org: string;
  readonly repoName: string;
  readonly defaultBranch: string;
  /** Whether its Dockerfiles are parametrised: the prefilled manifest must pass the checks exactly then. */
  readonly parametrised: boolean;
  /** Every path in the tree, sorted. */
  readonly files: readonly string[];
  /** Every file's text, by path. */
  readonly contents: Readonly<Record<string, string>>;
}

function walk(root: string, dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? walk(root, full) : [relative(root, full).split(sep).join("/")];
  });
}

/** Reads one sample from `test/fixtures/onboarding/<name>/`. */
export function loadSample(name: string): OnboardingSample {
  const meta = JSON.parse(readFileSync(join(SAMPLES_DIR, name, "sample.json"), "utf8")) as {
    org: string;
    repoName: string;
    defaultBranch: string;
    parametrised: boolean;
  };
  const dir = join(SAMPLES_DIR, name, "repo");
  const files = walk(dir, dir).sort();
  const contents = Object.fromEntries(files.map((path) => [path, readFileSync(join(dir, path), "utf8")]));
  return { name, dir, ...meta, files, contents };
}

/** Every sample, in name order. */
export function loadSamples(): OnboardingSample[] {
  return readdirSync(SAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map(loadSample);
}
