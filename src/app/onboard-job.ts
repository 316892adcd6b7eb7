import { defineJobKind } from "../use-cases/job-kind.js";
import { PermanentJobError } from "../use-cases/job-runner.js";
import { onboardComponent } from "../use-cases/onboard-component.js";
import { DEFAULT_LADDER } from "../domain/maturity/default-ladder.js";
import { refreshComponent } from "../use-cases/refresh-component.js";
import { ONBOARD_JOB_TYPE, type OnboardJobPayload } from "../use-cases/sync-installation.js";
import { repositoryAdapters } from "./repository-adapters.js";
import type { Services } from "./services.js";

/** Onboarding jobs run two at a time: most of their time is spent waiting for GitHub's write pacing. */
export const ONBOARD_CONCURRENCY = 2;

/** Runs one onboarding job with the installation's own token. */
export function onboardJob(services: Services) {
  return defineJobKind({
    ...ONBOARD_JOB_TYPE,
    concurrency: ONBOARD_CONCURRENCY,
    run: runOnboarding(services),
  });
}

function runOnboarding(services: Services) {
  return async (payload: OnboardJobPayload): Promise<void> => {
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
