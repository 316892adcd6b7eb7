import { installationDeps } from "./installation-deps.js";
import { defineJobKind } from "../use-cases/job-kind.js";
import { runOnboarding } from "../use-cases/run-onboarding.js";
import { ONBOARD_JOB_TYPE, type OnboardJobPayload } from "../use-cases/sync-installation.js";
import type { Services } from "./services.js";

/** Onboarding jobs run two at a time: most of their time is spent waiting for GitHub's write pacing. */
export const ONBOARD_CONCURRENCY = 2;

/** Runs one onboarding job (installation or `/onboard`) with the installation's own token. */
export function onboardJob(services: Services) {
  return defineJobKind({ ...ONBOARD_JOB_TYPE, concurrency: ONBOARD_CONCURRENCY, run: onboard(services) });
}

function onboard(services: Services) {
  return async (payload: OnboardJobPayload): Promise<void> => {
    const outcome = await runOnboarding(await installationDeps(services, payload.installationId), payload);
    services.probot.log.info({ repo: `${payload.owner}/${payload.repo}`, outcome }, "onboarding job done");
  };
}
