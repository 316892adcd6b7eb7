import type { RepositoryRef } from "./repository-ref.js";

export interface RepositoryInfo {
  readonly defaultBranch: string;
  readonly archived: boolean;
  /** Null for an empty repository (no commits). */
  readonly headSha: string | null;
}

export interface OnboardingPullRequest {
  readonly number: number;
  readonly state: "open" | "closed";
  readonly merged: boolean;
  readonly body: string;
  readonly headSha: string;
}

/** What onboarding needs of the code host beyond reading files. */
export interface OnboardingHost {
  getRepository(repo: RepositoryRef): Promise<RepositoryInfo | undefined>;
  /** The most recent pull request from `branch` (any state), if any. */
  findPullRequest(repo: RepositoryRef, branch: string): Promise<OnboardingPullRequest | undefined>;
  /**
   * Points `branch` at a new commit, on top of `baseSha`, that holds `files` (path → text).
   * Creates the branch, or moves it when it exists (a crash may have left it behind).
   */
  commitToBranch(
    repo: RepositoryRef,
    branch: string,
    baseSha: string,
    files: Readonly<Record<string, string>>,
    message: string,
  ): Promise<string>;
  openPullRequest(
    repo: RepositoryRef,
    input: { head: string; base: string; title: string; body: string },
  ): Promise<number>;
  updatePullRequest(
    repo: RepositoryRef,
    number: number,
    input: { title: string; body: string },
  ): Promise<void>;
}
