import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import type { Clock } from "../ports/clock.js";
import type { ComponentStore, JobQueueStore } from "../ports/store.js";
import { PROMOTE_JOB } from "./request-promotion.js";

/**
 * `/retry`'s promotion part: queues again the promotion that failed for good, if it is the
 * promotion of the latest passing build. Older failed promotions stay failed: promoting an
 * older build after a newer one would move the registry backwards. Resolves with how many
 * jobs were queued (0 or 1).
 */
export async function retryFailedPromotion(
  deps: { readonly components: ComponentStore; readonly jobs: JobQueueStore; readonly clock: Clock },
  repository: string,
): Promise<number> {
  const evidence = ((await deps.components.get(repository))?.evidence ?? {}) as ComponentEvidence;
  const failed = evidence.registry?.lastFailure;
  if (!failed || evidence.ci?.sha !== failed.sha || evidence.ci.conclusion !== "success") return 0;
  return deps.jobs.retryFailed(PROMOTE_JOB, `promote:${repository}:${failed.sha}`, deps.clock.now());
}
