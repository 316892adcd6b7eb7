import type { Context } from "probot";
import { enqueueJob } from "../use-cases/job-kind.js";
import { SYNC_INSTALLATION_JOB_TYPE, type SyncInstallationPayload } from "../use-cases/sync-installation.js";
import type { Services } from "./services.js";

/**
 * `installation.created` and `installation_repositories.added` → one durable sync job for
 * the installation, which lists its repositories through the API and queues one paced
 * onboarding job per repository. A redelivered event enqueues nothing new (the job key
 * holds the delivery).
 */
export function onInstallation(services: Services) {
  return async (
    context: Context<"installation.created" | "installation_repositories.added">,
  ): Promise<void> => {
    const { payload } = context;
    const named = "repositories_added" in payload ? payload.repositories_added : (payload.repositories ?? []);
    const contents = payload.installation.permissions?.contents;
    const sync: SyncInstallationPayload = {
      installationId: payload.installation.id,
      contentsAccess: contents === "write" || contents === "read" ? contents : "none",
      onboard: named.map((repository) => repository.full_name),
    };
    const added = await enqueueJob(
      services.store.jobs,
      SYNC_INSTALLATION_JOB_TYPE,
      `sync:${payload.installation.id}:${context.id}`,
      sync,
      services.clock,
    );
    services.metrics.webhooks.inc({ event: context.name, outcome: "enqueued" });
    context.log.info({ repositories: named.length, added }, "installation sync enqueued");
  };
}
