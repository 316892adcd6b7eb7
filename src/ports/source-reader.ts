import type { RepositoryRef } from "./repository-ref.js";

/** Read access to a repository's files at a commit. */
export interface SourceReader {
  /** The file's text, or undefined when the path does not exist at `ref`. */
  readFile(repo: RepositoryRef, path: string, ref: string): Promise<string | undefined>;
  /** Every file path in the tree at `ref` (as far as the host lists it). */
  listPaths(repo: RepositoryRef, ref: string): Promise<readonly string[]>;
  /** Paths a pull request adds, changes, renames or removes (as far as the host lists them). */
  changedFiles(repo: RepositoryRef, pullNumber: number): Promise<readonly string[]>;
  /** The commit at the head of the repository's default branch now. */
  defaultBranchHead(repo: RepositoryRef): Promise<string>;
}
