import type { OnboardingHost } from "../../ports/onboarding-host.js";
import type { RepositoryRef } from "../../ports/repository-ref.js";
import { hasStatus, type Octokit } from "./octokit.js";

/**
 * Onboarding through GitHub's REST API. One commit holds every file (git trees with
 * inline content), so opening an onboarding PR costs four content-creating requests:
 * tree, commit, ref and pull request.
 */
export function createGitHubOnboardingHost(octokit: Octokit): OnboardingHost {
  return {
    async getRepository(repo) {
      let data;
      try {
        ({ data } = await octokit.rest.repos.get({ ...repo }));
      } catch (error) {
        if (hasStatus(error, 404)) return undefined;
        throw error;
      }
      return {
        defaultBranch: data.default_branch,
        archived: data.archived,
        headSha: await branchSha(octokit, repo, data.default_branch),
      };
    },

    async findPullRequest(repo, branch) {
      const { data } = await octokit.rest.pulls.list({
        ...repo,
        head: `${repo.owner}:${branch}`,
        state: "all",
        sort: "created",
        direction: "desc",
        per_page: 1,
      });
      const pr = data[0];
      return pr
        ? {
            number: pr.number,
            state: pr.state === "open" ? "open" : "closed",
            merged: pr.merged_at !== null,
            body: pr.body ?? "",
            headSha: pr.head.sha,
          }
        : undefined;
    },

    async commitToBranch(repo, branch, baseSha, files, message) {
      const { data: base } = await octokit.rest.git.getCommit({ ...repo, commit_sha: baseSha });
      const { data: tree } = await octokit.rest.git.createTree({
        ...repo,
        base_tree: base.tree.sha,
        tree: Object.entries(files).map(([path, content]) => ({
          path,
          mode: "100644" as const,
          type: "blob" as const,
          content,
        })),
      });
      const { data: commit } = await octokit.rest.git.createCommit({
        ...repo,
        message,
        tree: tree.sha,
        parents: [baseSha],
      });
      try {
        await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: commit.sha });
      } catch (error) {
        if (!hasStatus(error, 422)) throw error;
        // The branch exists (an earlier attempt stopped before its PR): move it.
        await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit.sha, force: true });
      }
      return commit.sha;
    },

    async openPullRequest(repo, input) {
      const { data } = await octokit.rest.pulls.create({ ...repo, ...input });
      return data.number;
    },

    async updatePullRequest(repo, number, input) {
      await octokit.rest.pulls.update({ ...repo, pull_number: number, ...input });
    },
  };
}

async function branchSha(octokit: Octokit, repo: RepositoryRef, branch: string): Promise<string | null> {
  try {
    const { data } = await octokit.rest.repos.getBranch({ ...repo, branch });
    return data.commit.sha;
  } catch (error) {
    if (hasStatus(error, 404) || hasStatus(error, 409)) return null;
    throw error;
  }
}
