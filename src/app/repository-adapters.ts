import { createGitHubAccessControl } from "../adapters/github/github-access-control.js";
import { createGitHubCheckRuns } from "../adapters/github/github-check-runs.js";
import { createGitHubCiArtifacts } from "../adapters/github/github-ci-artifacts.js";
import { createGitHubIssueTracker, createGitHubTopicStore } from "../adapters/github/github-issue-tracker.js";
import { createGitHubOnboardingHost } from "../adapters/github/github-onboarding-host.js";
import { createGitHubSourceReader } from "../adapters/github/github-source-reader.js";
import type { Octokit } from "../adapters/github/octokit.js";
import { paceOctokit } from "../adapters/github/pace-octokit.js";
import type { WritePacer } from "../ports/write-pacer.js";

/** Every GitHub-backed port, over one installation's Octokit whose writes are paced. */
export function repositoryAdapters(octokit: Octokit, pacer: WritePacer) {
  const paced = paceOctokit(octokit, pacer);
  return {
    source: createGitHubSourceReader(paced),
    artifacts: createGitHubCiArtifacts(paced),
    checks: createGitHubCheckRuns(paced),
    issues: createGitHubIssueTracker(paced),
    topics: createGitHubTopicStore(paced),
    access: createGitHubAccessControl(paced),
    host: createGitHubOnboardingHost(paced),
  };
}

export type RepositoryAdapters = ReturnType<typeof repositoryAdapters>;
