import { batchAnnotations } from "../domain/render/batch-annotations.js";
import type { CheckAnnotation } from "../domain/render/check-annotation.js";
import { fitCheckOutput } from "../domain/render/fit-check-output.js";
import type { CheckConclusion, CheckRuns } from "../ports/check-runs.js";
import type { RepositoryRef } from "../ports/repository-ref.js";

/** Which check run: its name on a commit, and the external id that makes it the same run on a redelivery. */
export interface CheckRunTarget {
  readonly name: string;
  readonly headSha: string;
  readonly externalId: string;
  readonly detailsUrl?: string;
}

/** What a completed check run shows. */
export interface CheckRunResult {
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly conclusion: CheckConclusion;
  readonly annotations?: readonly CheckAnnotation[];
}

/** A check run found or started, ready to be completed. */
export interface OpenCheckRun {
  readonly id: number;
  /** True when an earlier delivery had already completed it. */
  readonly completed: boolean;
}

/** What completing sent. */
export interface PublishedCheckRun extends OpenCheckRun {
  /** Annotations sent (none to a run that was already completed). */
  readonly annotations: number;
  /** True when the output had to be cut to GitHub's limits. */
  readonly truncated: boolean;
}

/**
 * The check run of `target` (found by its external id on the commit), or a new one, in
 * progress and showing `output` until it is completed. A run found in progress (an earlier
 * attempt stopped half-way) is reused as it is, never duplicated.
 */
export async function startCheckRun(
  checks: CheckRuns,
  repo: RepositoryRef,
  target: CheckRunTarget,
  output: { readonly title: string; readonly summary: string },
): Promise<OpenCheckRun> {
  const existing = await checks.find(repo, target.headSha, target.name, target.externalId);
  if (existing) return { id: existing.id, completed: existing.status === "completed" };
  const { title, summary } = fitCheckOutput({ title: output.title, summary: output.summary });
  const id = await checks.start(repo, { ...target, output: { title, summary } });
  return { id, completed: false };
}

/**
 * Completes `run` with `result`, within GitHub's limits (see `fitCheckOutput`). The annotations
 * go 50 to a request while the run is in progress, and the last batch completes it, so that
 * "completed" means complete. GitHub appends annotations, so a run that was already completed
 * gets the new output and conclusion but no annotation (it has them from the first time).
 */
export async function completeCheckRun(
  checks: CheckRuns,
  repo: RepositoryRef,
  run: OpenCheckRun,
  result: CheckRunResult,
): Promise<PublishedCheckRun> {
  const { annotations, truncated, ...output } = fitCheckOutput(result);
  const batches = run.completed ? [] : batchAnnotations(annotations);
  for (const batch of batches.slice(0, -1)) {
    await checks.update(repo, run.id, { output: { ...output, annotations: batch } });
  }
  await checks.update(repo, run.id, {
    conclusion: result.conclusion,
    output: { ...output, annotations: batches.at(-1) ?? [] },
  });
  return { ...run, annotations: batches.reduce((n, batch) => n + batch.length, 0), truncated };
}

/**
 * The one way the bot publishes a check run: finds the run of `target` or starts it, then
 * completes it with `result` (see {@link startCheckRun} and {@link completeCheckRun}).
 * Idempotent: publishing the same result again updates the same run and adds no annotation.
 */
export async function publishCheckRun(
  checks: CheckRuns,
  repo: RepositoryRef,
  target: CheckRunTarget,
  result: CheckRunResult,
): Promise<PublishedCheckRun> {
  const run = await startCheckRun(checks, repo, target, result);
  return completeCheckRun(checks, repo, run, result);
}
