// What `npm run build` compiles from, fingerprinted, so that `npm start` compiles only when it
// changed. Plain JavaScript: it runs before anything is built.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";

/** Where the fingerprint of the inputs of the last successful build is kept (inside lib/, so it goes with it). */
export const FINGERPRINT_FILE = "lib/.build-inputs";
const ROOT_INPUTS = ["package.json", "package-lock.json"];

function filesUnder(root, dir) {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      relative(root, join(entry.parentPath ?? entry.path, entry.name))
        .split(sep)
        .join("/"),
    );
}

/**
 * sha256 over the path and bytes of every file under src/, the tsconfig*.json files,
 * package.json and package-lock.json (the compiler's version is in the lock file).
 */
export function fingerprintInputs(root) {
  const tsconfigs = readdirSync(root).filter((name) => /^tsconfig.*\.json$/.test(name));
  const files = [
    ...filesUnder(root, "src"),
    ...tsconfigs,
    ...ROOT_INPUTS.filter((name) => existsSync(join(root, name))),
  ];
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    const bytes = readFileSync(join(root, file));
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest("hex");
}

/** The fingerprint recorded by the last successful build, if any and if its output is still there. */
export function builtFingerprint(root) {
  const file = join(root, FINGERPRINT_FILE);
  if (!existsSync(file) || !existsSync(join(root, "lib/start.js"))) return undefined;
  return readFileSync(file, "utf8").trim();
}

/** Runs `tsc -p tsconfig.build.json`, passing SIGINT/SIGTERM on to it; rejects when it fails. */
export function compile(root) {
  const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
      cwd: root,
      stdio: "inherit",
    });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward).on("SIGTERM", forward);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGINT", forward).off("SIGTERM", forward);
      if (code === 0) resolve();
      else
        reject(
          new Error(`tsc -p tsconfig.build.json ${signal ? `stopped by ${signal}` : `exited with ${code}`}`),
        );
    });
  });
}

/**
 * Compiles when `force` or when the inputs differ from those of the last build, then records
 * the inputs' fingerprint (taken before compiling, so an edit made during the build is seen
 * next time). Resolves what was done, for the caller to say.
 */
export async function buildIfChanged(root, { force = false } = {}) {
  const fingerprint = fingerprintInputs(root);
  const built = builtFingerprint(root);
  if (!force && built === fingerprint) return { compiled: false, fingerprint };
  await compile(root);
  writeFileSync(join(root, FINGERPRINT_FILE), `${fingerprint}\n`);
  return { compiled: true, fingerprint, previous: built };
}
