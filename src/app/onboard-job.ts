import { createGitHubPolicySource } from "../adapters/github/github-policy-source.js";
import type { Job } from "../ports/store.js";
import { resolvePolicy } from "../use-cases/resolve-policy.js";
import { runOnboarding } from "../use-cases/run-onboarding.js";
import type { OnboardJobPayload } from "../use-cases/sync-installation.js";
import { repositoryAdapters } from "./repository-adapters.js";
import type { Services } from "./services.js";

/** Runs one onboarding job (installation or `/onboard`) with the installation's own token. */
export function onboardJob(services: Services) {
  return async (job: Job): Promise<void> => {
    const payload = job.payload as OnboardJobPayload;
    const octokit = await services.probot.auth(payload.installationId);
    const adapters = repositoryAdapters(octokit, services.pacerFor(payload.installationId));
    const policySource = createGitHubPolicySource(octokit);
    const outcome = await runOnboarding(
      {
        ...adapters,
        components: services.store.components,
        jobs: services.store.jobs,
        clock: services.clock,
        policy: (repo) => resolvePolicy(policySource, repo, services.probot.log),
      },
      payload,
    );
    services.probot.log.info({ repo: `${payload.owner}/${payload.repo}`, outcome }, "onboarding job done");
  };
}
