import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";

/** Most directory entries a walk of a checkout looks at: a big monorepo still answers quickly. */
export const MAX_WALK = 20_000;
/** Folders that hold someone else's code or nothing the bot reads: never walked. */
const NEVER_WALKED = new Set([".git", "node_modules"]);

/**
 * A file's text, or undefined when it is not a readable file. A file over `max` bytes is
 * not read: a string of `max` characters stands for it, so the parser it goes to says it
 * is too large and nothing big is loaded.
 */
export async function readCapped(path: string, max: number): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    if (info.size > max) return "x".repeat(max);
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * The files of a local checkout as `/`-separated paths relative to `dir`, sorted, the way
 * GitHub lists a tree: regular files only (symbolic links are not followed out of the
 * checkout), `.git` and `node_modules` skipped, at most {@link MAX_WALK} entries looked at.
 */
export async function listCheckoutFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  let seen = 0;
  const walk = async (folder: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++seen > MAX_WALK) return;
      const path = prefix + entry.name;
      if (entry.isDirectory() && !NEVER_WALKED.has(entry.name))
        await walk(join(folder, entry.name), `${path}/`);
      else if (entry.isFile()) found.push(path);
    }
  };
  await walk(dir, "");
  return found.sort();
}
