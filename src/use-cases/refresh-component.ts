import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { evaluateMaturity } from "../domain/maturity/evaluate-maturity.js";
import type { Ladder } from "../domain/maturity/ladder.js";
import type { MaturityEvaluation } from "../domain/maturity/maturity-evaluation.js";
import type { Clock } from "../ports/clock.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { ComponentStore, JobQueueStore } from "../ports/store.js";
import { requestPublish } from "./publish-component.js";
import { updateComponent } from "./update-component.js";

export interface RefreshDeps {
  readonly components: ComponentStore;
  readonly jobs: JobQueueStore;
  readonly clock: Clock;
}

export interface RefreshContext {
  readonly installationId: number;
  /** The ladder the level is stored for (the organisation policy's). */
  readonly ladder: Ladder;
  /**
   * Whether to publish the outputs (a publish job) after the write. Default: yes; the
   * publish job itself shows nothing until the repository has merged its manifest. No when
   * a promotion follows at once and will publish the level it reaches.
   */
  readonly publish?: boolean;
}

export interface RefreshResult {
  readonly previousLevel: number | undefined;
  readonly evaluation: MaturityEvaluation;
  readonly evidence: ComponentEvidence;
  /** The stored version after the write. */
  readonly version: number;
}

/**
 * Records new evidence for a component (merged over the fresh record, or computed from it)
 * and its level, stored first with a compare-and-set (`updateComponent`); then asks for the
 * outputs to be published from what was stored (`publishComponent`, a retried job). A
 * GitHub failure can no longer lose evidence: nothing here writes to GitHub.
 */
export async function refreshComponent(
  deps: RefreshDeps,
  repo: RepositoryRef,
  patch: Partial<ComponentEvidence> | ((current: ComponentEvidence) => Partial<ComponentEvidence>),
  context: RefreshContext,
): Promise<RefreshResult> {
  const repository = `${repo.owner}/${repo.repo}`;
  const now = deps.clock.now().toISOString();
  const update = await updateComponent(deps, repository, context.installationId, (current, record) => {
    // A function patch is computed from the fresh record, so it never undoes a concurrent update.
    const evidence: ComponentEvidence = {
      ...current,
      ...(typeof patch === "function" ? patch(current) : patch),
    };
    const evaluation = evaluateMaturity(context.ladder, evidence, {
      now,
      ...(record ? { previousLevel: record.level } : {}),
    });
    return {
      evidence,
      level: evaluation.level,
      result: { previousLevel: record?.level, evaluation, evidence },
    };
  });
  const version = update.after?.version ?? 0;
  if (context.publish ?? true) {
    await requestPublish(deps, {
      repository,
      installationId: context.installationId,
      version,
      ...(update.result.previousLevel === undefined ? {} : { previousLevel: update.result.previousLevel }),
    });
  }
  return { ...update.result, version };
}
