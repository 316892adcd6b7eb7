import type { Context } from "probot";
import type { Services } from "./services.js";

export const ONBOARD_JOB = "onboard";

export interface OnboardJobPayload {
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
  readonly contentsAccess: "read" | "write" | "none";
  readonly reopen?: boolean;
}

/**
 * `installation.created` and `installation_repositories.added` → one durable onboarding
 * job per repository. The jobs run paced under GitHub's secondary limits, survive a
 * restart, and a redelivered event enqueues nothing new (the job key holds the delivery).
 */
export function onInstallation(services: Services) {
  return async (
    context: Context<"installation.created" | "installation_repositories.added">,
  ): Promise<void> => {
    const { payload } = context;
    const repositories =
      "repositories_added" in payload ? payload.repositories_added : (payload.repositories ?? []);
    const contents = payload.installation.permissions?.contents;
    const contentsAccess = contents === "write" || contents === "read" ? contents : "none";
    let added = 0;
    for (const repository of repositories) {
      const [owner, repo] = repository.full_name.split("/") as [string, string];
      const job: OnboardJobPayload = { installationId: payload.installation.id, owner, repo, contentsAccess };
      const isNew = await services.store.jobs.enqueue({
        kind: ONBOARD_JOB,
        key: `onboard:${repository.full_name}:${context.id}`,
        payload: job,
        runAfter: services.clock.now(),
      });
      if (isNew) added++;
    }
    services.metrics.webhooks.inc({ event: context.name, outcome: "enqueued" });
    context.log.info({ repositories: repositories.length, added }, "onboarding jobs enqueued");
  };
}
