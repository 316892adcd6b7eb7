import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { evaluateMaturity } from "../domain/maturity/evaluate-maturity.js";
import type { Ladder } from "../domain/maturity/ladder.js";
import type { MaturityEvaluation } from "../domain/maturity/maturity-evaluation.js";
import type { Clock } from "../ports/clock.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { ComponentStore } from "../ports/store.js";
import { updateComponent } from "./update-component.js";
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

/**
 * Records new evidence for a component (merged over what the store holds, or computed from
 * the fresh record), re-evaluates its level and stores both first, with a compare-and-set
 * (`updateComponent`); only then are the level outputs brought up to date from what was
 * stored. A GitHub write that fails after that loses no evidence: publishing again later
 * finds it stored. A patch that changes nothing writes nothing to GitHub.
 */
export async function refreshComponent(
  deps: RefreshDeps,
  repo: RepositoryRef,
  patch: Partial<ComponentEvidence> | ((current: ComponentEvidence) => Partial<ComponentEvidence>),
  context: RefreshContext,
): Promise<RefreshResult> {
  const key = `${repo.owner}/${repo.repo}`;
  const now = deps.clock.now().toISOString();
  const update = await updateComponent(deps, key, context.installationId, (current, record) => {
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
  const { evidence, evaluation } = update.result;
  if (context.publish ?? evidence.manifest !== undefined) {
    await publishLevel(deps, repo, evidence, evaluation, context);
  }
  return update.result;
}

/** Projects the stored evaluation onto GitHub, skipping what was published already. */
async function publishLevel(
  deps: RefreshDeps,
  repo: RepositoryRef,
  evidence: ComponentEvidence,
  evaluation: MaturityEvaluation,
  context: RefreshContext,
): Promise<void> {
  const key = `${repo.owner}/${repo.repo}`;
  const previous = ((await deps.components.getOutputs(key)) as LevelOutputsState | undefined) ?? {};
  const headSha = evidence.push?.sha ?? evidence.ci?.sha;
  const outputs = await writeLevelOutputs(
    deps,
    repo,
    {
      evaluation,
      ...(context.component ? { component: context.component } : {}),
      ...(headSha ? { headSha } : {}),
      maturityCheckName: context.maturityCheckName,
      topicPrefix: context.topicPrefix,
      ...(evidence.dockerfile ? { findings: evidence.dockerfile.findings } : {}),
    },
    previous,
  );
  await deps.components.setOutputs(key, outputs, deps.clock.now());
}
