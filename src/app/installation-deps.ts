import { createGitHubPolicySource } from "../adapters/github/github-policy-source.js";
import { resolvePolicy } from "../use-cases/resolve-policy.js";
import { repositoryAdapters } from "./repository-adapters.js";
import type { Services } from "./services.js";

/**
 * What a job needs to act for one installation: its GitHub ports (writes paced), the store,
 * the clock, the logger and the organisation policy read with the installation's own token.
 */
export async function installationDeps(services: Services, installationId: number) {
  const octokit = await services.probot.auth(installationId);
  const policySource = createGitHubPolicySource(octokit);
  return {
    octokit,
    ...repositoryAdapters(octokit, services.pacerFor(installationId)),
    components: services.store.components,
    jobs: services.store.jobs,
    audit: services.store.audit,
    clock: services.clock,
    log: services.probot.log,
    policy: (repo: { owner: string; repo: string }) => resolvePolicy(policySource, repo, services.probot.log),
  };
}
