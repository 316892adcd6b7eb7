import {
  createGitHubInstallationRepositories,
  createGitHubInstallations,
} from "../adapters/github/github-installations.js";
import { paceOctokit } from "../adapters/github/pace-octokit.js";
import type { Job } from "../ports/store.js";
import {
  SYNC_INSTALLATION_JOB,
  syncInstallation,
  type SyncInstallationPayload,
} from "../use-cases/sync-installation.js";
import type { Services } from "./services.js";

export const SYNC_APP_JOB = "sync-app";

/** Runs one installation sync with the installation's own token. */
export function syncInstallationJob(services: Services) {
  return async (job: Job): Promise<void> => {
    const payload = job.payload as SyncInstallationPayload;
    const octokit = paceOctokit(
      await services.probot.auth(payload.installationId),
      services.pacerFor(payload.installationId),
    );
    const queued = await syncInstallation(
      {
        repositories: createGitHubInstallationRepositories(octokit),
        components: services.store.components,
        jobs: services.store.jobs,
        clock: services.clock,
      },
      payload,
      job.key,
    );
    services.probot.log.info({ installation: payload.installationId, queued }, "installation synced");
  };
}

/**
 * At start, one sync per installation of the app: repositories added while the app was
 * down (or whose delivery failed) are onboarded; known ones are left alone.
 */
export function syncAppJob(services: Services) {
  return async (job: Job): Promise<void> => {
    const installations = await createGitHubInstallations(await services.probot.auth()).listInstallations();
    for (const installation of installations) {
      const sync: SyncInstallationPayload = {
        installationId: installation.id,
        contentsAccess: installation.contentsAccess,
        onboard: [],
      };
      await services.store.jobs.enqueue({
        kind: SYNC_INSTALLATION_JOB,
        key: `sync:${installation.id}:${job.key}`,
        payload: sync,
        runAfter: services.clock.now(),
      });
    }
  };
}
