import type { Job } from "../ports/store.js";
import { PermanentJobError } from "../use-cases/job-runner.js";
import { onboardComponent } from "../use-cases/onboard-component.js";
import { DEFAULT_LADDER } from "../domain/maturity/default-ladder.js";
import { refreshComponent } from "../use-cases/refresh-component.js";
import type { OnboardJobPayload } from "../use-cases/sync-installation.js";
import { repositoryAdapters } from "./repository-adapters.js";
import type { Services } from "./services.js";

/** Runs one onboarding job with the installation's own token. */
export function onboardJob(services: Services) {
  return async (job: Job): Promise<void> => {
    const payload = job.payload as OnboardJobPayload;
    const octokit = await services.probot.auth(payload.installationId);
    const adapters = repositoryAdapters(octokit, services.pacerFor(payload.installationId));
    const repo = { owner: payload.owner, repo: payload.repo };
    if (payload.contentsAccess === "none")
      throw new PermanentJobError("the installation cannot read contents");
    // The installation itself is level-1 evidence; nothing is shown until the manifest is merged.
    await refreshComponent(
      { ...adapters, components: services.store.components, clock: services.clock, log: services.probot.log },
      repo,
      { installation: { contentsAccess: payload.contentsAccess } },
      {
        installationId: payload.installationId,
        ladder: DEFAULT_LADDER,
        maturityCheckName: "",
        topicPrefix: "",
        publish: false,
      },
    );
    const outcome = await onboardComponent({ source: adapters.source, host: adapters.host }, repo, {
      ...(payload.reopen ? { reopen: true } : {}),
    });
    services.probot.log.info({ repo: `${repo.owner}/${repo.repo}`, outcome }, "onboarding job done");
  };
}
