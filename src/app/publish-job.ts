import { installationDeps } from "./installation-deps.js";
import { defineJobKind } from "../use-cases/job-kind.js";
import {
  publishComponent,
  PUBLISH_JOB_TYPE,
  type PublishJobPayload,
} from "../use-cases/publish-component.js";
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
    await publishComponent(
      await installationDeps(services, payload.installationId),
      { owner, repo },
      payload,
    );
  };
}
