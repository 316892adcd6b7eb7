import type { PolicySource } from "../../ports/policy-source.js";
import type { Octokit } from "./octokit.js";

/**
 * The policy file through Probot's config plugin (the same lookup as `context.config()`:
 * the repository's default branch, else the organisation's `.github` repository, `_extends`
 * merged), usable from a job that has an installation's Octokit but no webhook context.
 */
export function createGitHubPolicySource(octokit: Octokit): PolicySource {
  return {
    async read(repo, path) {
      const { config, files } = await octokit.config.get({ ...repo, path });
      return files.some((file) => file.config !== null) ? config : null;
    },
  };
}
