import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { readCapped } from "./local-checkout.js";

/** What a checkout's git metadata says of the repository it was cloned from. */
export interface GitOrigin {
  readonly owner?: string;
  readonly repo?: string;
  /** The remote's default branch (`origin/HEAD`), else the branch checked out. */
  readonly branch?: string;
}

const SEGMENT = /^[A-Za-z0-9_.-]+$/;
/** The metadata files read are a few lines; a bigger one is not read. */
const readSmall = (path: string) => readCapped(path, 64 * 1024);

/**
 * Reads `.git` in `dir` as plain files (HEAD, config, `refs/remotes/origin/HEAD`; a
 * worktree's `.git` file and `commondir` are followed). git itself is not run: a
 * checkout's config can make git run commands, and this only needs three small files.
 */
export async function readGitOrigin(dir: string): Promise<GitOrigin> {
  const dotGit = join(dir, ".git");
  let gitDir = dotGit;
  let commonDir = dotGit;
  const info = await stat(dotGit).catch(() => undefined);
  if (!info) return {};
  if (info.isFile()) {
    const pointer = /^gitdir:\s*(.+?)\s*$/m.exec((await readSmall(dotGit)) ?? "")?.[1];
    if (pointer === undefined) return {};
    gitDir = resolve(dir, pointer);
    const common = (await readSmall(join(gitDir, "commondir")))?.trim();
    commonDir = common ? resolve(gitDir, common) : gitDir;
  }
  const url = originUrl((await readSmall(join(commonDir, "config"))) ?? "");
  const segments =
    url === undefined
      ? []
      : url
          .replace(/\/+$/, "")
          .replace(/\.git$/, "")
          .split(/[/:]/);
  const [owner, repo] = segments.slice(-2);
  const remoteHead = /^ref: refs\/remotes\/origin\/(.+?)\s*$/m.exec(
    (await readSmall(join(commonDir, "refs/remotes/origin/HEAD"))) ?? "",
  )?.[1];
  const head = /^ref: refs\/heads\/(.+?)\s*$/m.exec((await readSmall(join(gitDir, "HEAD"))) ?? "")?.[1];
  const branch = remoteHead ?? head;
  return {
    ...(owner !== undefined && repo !== undefined && SEGMENT.test(owner) && SEGMENT.test(repo)
      ? { owner, repo }
      : {}),
    ...(branch !== undefined ? { branch } : {}),
  };
}

/** The `url` of `[remote "origin"]` in a git config. */
function originUrl(config: string): string | undefined {
  let inOrigin = false;
  for (const line of config.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]]*?)\s*\]/.exec(line)?.[1];
    if (section !== undefined) inOrigin = /^remote\s+"origin"$/.test(section);
    else if (inOrigin) {
      const url = /^\s*url\s*=\s*(.+?)\s*$/.exec(line)?.[1];
      if (url !== undefined) return url;
    }
  }
  return undefined;
}
