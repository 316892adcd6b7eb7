import { z } from "zod";
import {
  createGitHubInstallationRepositories,
  createGitHubInstallations,
} from "../adapters/github/github-installations.js";
import { paceOctokit } from "../adapters/github/pace-octokit.js";
import { defineJobKind, enqueueJob, type JobType } from "../use-cases/job-kind.js";
import {
  SYNC_INSTALLATION_JOB_TYPE,
  syncInstallation,
  type SyncInstallationPayload,
} from "../use-cases/sync-installation.js";
import type { Services } from "./services.js";

export const SYNC_APP_JOB = "sync-app";

/** The start-up sync of every installation: no payload. */
export const SYNC_APP_JOB_TYPE: JobType<Record<string, never>> = {
  kind: SYNC_APP_JOB,
  version: 1,
  schema: z.strictObject({}),
};

/** Runs one installation sync with the installation's own token. */
export function syncInstallationJob(services: Services) {
  return defineJobKind({
    ...SYNC_INSTALLATION_JOB_TYPE,
    concurrency: 1,
    run: async (payload, { job }) => {
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
    },
  });
}

/**
 * At start, one sync per installation of the app: repositories added while the app was
 * down (or whose delivery failed) are onboarded; known ones are left alone.
 */
export function syncAppJob(services: Services) {
  return defineJobKind({
    ...SYNC_APP_JOB_TYPE,
    concurrency: 1,
    run: async (_payload, { job }) => {
      const installations = await createGitHubInstallations(await services.probot.auth()).listInstallations();
      for (const installation of installations) {
        const sync: SyncInstallationPayload = {
          installationId: installation.id,
          contentsAccess: installation.contentsAccess,
          onboard: [],
        };
        await enqueueJob(
          services.store.jobs,
          SYNC_INSTALLATION_JOB_TYPE,
          `sync:${installation.id}:${job.key}`,
          sync,
          services.clock,
        );
      }
    },
  });
}
