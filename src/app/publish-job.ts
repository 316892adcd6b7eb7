import { createGitHubPolicySource } from "../adapters/github/github-policy-source.js";
import type { Job } from "../ports/store.js";
import { publishComponent, type PublishJobPayload } from "../use-cases/publish-component.js";
import { resolvePolicy } from "../use-cases/resolve-policy.js";
import { repositoryAdapters } from "./repository-adapters.js";
import type { Services } from "./services.js";

/** Publishes one component's stored state with the installation's own token. */
export function publishJob(services: Services) {
  return async (job: Job): Promise<void> => {
    const payload = job.payload as PublishJobPayload;
    const [owner, repo] = payload.repository.split("/") as [string, string];
    const octokit = await services.probot.auth(payload.installationId);
    const adapters = repositoryAdapters(octokit, services.pacerFor(payload.installationId));
    const policySource = createGitHubPolicySource(octokit);
    await publishComponent(
      {
        ...adapters,
        components: services.store.components,
        clock: services.clock,
        log: services.probot.log,
        policy: (ref) => resolvePolicy(policySource, ref, services.probot.log),
      },
      { owner, repo },
      payload,
    );
  };
}
