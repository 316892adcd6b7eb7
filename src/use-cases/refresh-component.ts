import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { evaluateMaturity } from "../domain/maturity/evaluate-maturity.js";
import type { Ladder } from "../domain/maturity/ladder.js";
import type { MaturityEvaluation } from "../domain/maturity/maturity-evaluation.js";
import type { Clock } from "../ports/clock.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { ComponentStore } from "../ports/store.js";
import { createKeyedLock } from "./keyed-lock.js";
import { writeLevelOutputs, type LevelOutputsDeps, type LevelOutputsState } from "./write-level-outputs.js";

export interface RefreshDeps extends LevelOutputsDeps {
  readonly components: ComponentStore;
  readonly clock: Clock;
}

export interface RefreshContext {
  readonly installationId: number;
  readonly ladder: Ladder;
  readonly maturityCheckName: string;
  readonly topicPrefix: string;
  readonly component?: string;
  /**
   * Whether to write the level outputs. Default: once the repository has a manifest (the
   * bot shows nothing in a repository that has not merged its onboarding PR).
   */
  readonly publish?: boolean;
}

export interface RefreshResult {
  readonly previousLevel: number | undefined;
  readonly evaluation: MaturityEvaluation;
  readonly evidence: ComponentEvidence;
}

const lock = createKeyedLock();

/**
 * Records new evidence for a component (merged over what the store holds, or computed from
 * it under the component's lock), re-evaluates
 * its level and brings the level outputs up to date. Evidence updates of one component
 * are serialised; a patch that changes nothing writes nothing to GitHub.
 */
export function refreshComponent(
  deps: RefreshDeps,
  repo: RepositoryRef,
  patch: Partial<ComponentEvidence> | ((current: ComponentEvidence) => Partial<ComponentEvidence>),
  context: RefreshContext,
): Promise<RefreshResult> {
  const key = `${repo.owner}/${repo.repo}`;
  return lock(key, async () => {
    const record = await deps.components.get(key);
    const current = (record?.evidence as ComponentEvidence | undefined) ?? {};
    // A function patch is computed from the record read under the lock, so it never undoes a concurrent update.
    const evidence: ComponentEvidence = {
      ...current,
      ...(typeof patch === "function" ? patch(current) : patch),
    };
    const now = deps.clock.now().toISOString();
    const evaluation = evaluateMaturity(context.ladder, evidence, {
      now,
      ...(record ? { previousLevel: record.level } : {}),
    });
    const previousOutputs = (record?.outputs as LevelOutputsState | undefined) ?? {};
    const publish = context.publish ?? evidence.manifest !== undefined;
    const outputs = !publish
      ? previousOutputs
      : await writeLevelOutputs(
          deps,
          repo,
          {
            evaluation,
            ...(context.component ? { component: context.component } : {}),
            ...(evidence.push?.sha || evidence.ci?.sha
              ? { headSha: (evidence.push?.sha ?? evidence.ci?.sha) as string }
              : {}),
            maturityCheckName: context.maturityCheckName,
            topicPrefix: context.topicPrefix,
            ...(evidence.dockerfile ? { findings: evidence.dockerfile.findings } : {}),
          },
          previousOutputs,
        );
    await deps.components.put({
      repository: key,
      installationId: context.installationId,
      evidence,
      level: evaluation.level,
      outputs,
      updatedAt: now,
    });
    return { previousLevel: record?.level, evaluation, evidence };
  });
}
