import { createGitHubPolicySource } from "../adapters/github/github-policy-source.js";
import { defineJobKind } from "../use-cases/job-kind.js";
import {
  publishComponent,
  PUBLISH_JOB_TYPE,
  type PublishJobPayload,
} from "../use-cases/publish-component.js";
import { resolvePolicy } from "../use-cases/resolve-policy.js";
import { repositoryAdapters } from "./repository-adapters.js";
import type { Services } from "./services.js";

/** Publishing is short and paced by GitHub's limits: four components at a time. */
export const PUBLISH_CONCURRENCY = 4;

/** Publishes one component's stored state with the installation's own token. */
export function publishJob(services: Services) {
  return defineJobKind({ ...PUBLISH_JOB_TYPE, concurrency: PUBLISH_CONCURRENCY, run: publish(services) });
}

function publish(services: Services) {
  return async (payload: PublishJobPayload): Promise<void> => {
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
