import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { BOT_ACTOR } from "../domain/names.js";
import {
  renderPromotionDone,
  renderPromotionFailed,
  renderPromotionProgress,
  renderPromotionRetrying,
} from "../domain/render/render-promotion-progress.js";
import type { Clock } from "../ports/clock.js";
import type { IssueTracker } from "../ports/issue-tracker.js";
import type { AuditLog, ComponentStore, JobQueueStore } from "../ports/store.js";
import { classifyFailure, PermanentFailure } from "./classify-failure.js";
import { promoteToRegistry, type PromoteDeps, type PromotionOutcome } from "./promote-to-registry.js";
import { refreshComponent } from "./refresh-component.js";
import type { PromotionJobPayload } from "./request-promotion.js";

export interface RunPromotionDeps {
  /** The registry side of the copy (ECR repositories, the OCI copier, the CI registry's endpoint). */
  readonly registry: Omit<PromoteDeps, "progress" | "policy" | "signal">;
  readonly issues: IssueTracker;
  readonly components: ComponentStore;
  readonly jobs: JobQueueStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly log: { warn(obj: object, msg: string): void };
}

export interface PromotionAttempt {
  readonly attempt: number;
  /** The job's signal: the copy stops when it aborts. */
  readonly signal?: AbortSignal;
  /** No retry follows this attempt: a failure now is final. */
  readonly isFinal: boolean;
}

export type PromotionResult = "promoted" | "already-promoted" | "held";

/**
 * One promotion job, evidence first: the registry evidence is stored as soon as the copy is
 * done, before anything is said on GitHub; the `done` (or `failed`) audit entry is keyed by
 * the build, so it is written once however often the job runs; the reply and the level's
 * outputs (a publish job) follow. A job retried after a GitHub failure finds the build in
 * the stored evidence and copies nothing again. An automatic promotion checks the hold on
 * the record as stored when it runs: a `/hold` that raced the build holds it.
 */
export async function runPromotion(
  deps: RunPromotionDeps,
  request: PromotionJobPayload,
  attempt: PromotionAttempt,
): Promise<PromotionResult> {
  const repo = splitRepository(request.repository);
  const lines: string[] = [];
  const progress = async (text: string) => {
    lines.push(text);
    if (request.replyId === undefined) return;
    const body = renderPromotionProgress({
      requestedBy: request.requestedBy,
      sha: request.sha,
      attempt: attempt.attempt,
      lines,
    });
    await deps.issues.updateComment(repo, request.replyId, body);
  };
  const audit = (outcome: string, message: string, details: unknown) =>
    deps.audit.append(
      {
        at: deps.clock.now().toISOString(),
        repository: request.repository,
        actor: request.automatic ? BOT_ACTOR : request.requestedBy,
        command: request.automatic ? "automatic promotion" : "promotion",
        outcome,
        message,
        details,
      },
      `promote:${request.repository}:${request.sha}:${outcome}`,
    );
  const refresh = { installationId: request.installationId, ladder: request.outputs.ladder };

  const stored = ((await deps.components.get(request.repository))?.evidence ?? {}) as ComponentEvidence;
  if (request.automatic && stored.hold) {
    await audit("held", `not promoted: automatic promotions are on hold`, { sha: request.sha });
    return "held";
  }
  let digests = stored.registry?.pushed?.sha === request.sha ? stored.registry.pushed.digests : undefined;
  const already = digests !== undefined;
  if (!digests) {
    const outcome = await copyOrFail(deps, request, attempt, progress, audit, refresh);
    digests = outcome.digests;
    // Evidence first: from here on, a retry finds the build in the registry and copies nothing again.
    await refreshComponent(
      deps,
      repo,
      // A success clears the last failure: the status issue stops showing it.
      {
        registry: {
          repositoriesReady: true,
          policyOk: true,
          pushed: { sha: request.sha, digests: outcome.digests, at: deps.clock.now().toISOString() },
        },
      },
      refresh,
    );
    const sum = (key: "blobsSent" | "blobsSkipped" | "blobsMounted" | "bytesSent") =>
      outcome.copies.reduce((n, c) => n + c[key], 0);
    await audit("done", `promoted ${request.sha}`, {
      sha: request.sha,
      digests: outcome.digests,
      repositories: outcome.repositories,
      attempt: attempt.attempt,
      blobsSent: sum("blobsSent"),
      blobsSkipped: sum("blobsSkipped"),
      blobsMounted: sum("blobsMounted"),
      bytesSent: sum("bytesSent"),
    });
  } else {
    // A retry after the copy was recorded: the audit entry exists unless the crash came first.
    await audit("done", `promoted ${request.sha}`, { sha: request.sha, digests, attempt: attempt.attempt });
  }
  await progress(renderPromotionDone(digests));
  return already ? "already-promoted" : "promoted";
}

async function copyOrFail(
  deps: RunPromotionDeps,
  request: PromotionJobPayload,
  attempt: PromotionAttempt,
  progress: (text: string) => Promise<void>,
  audit: (outcome: string, message: string, details: unknown) => Promise<boolean>,
  refresh: { installationId: number; ladder: PromotionJobPayload["outputs"]["ladder"] },
): Promise<PromotionOutcome> {
  try {
    return await promoteToRegistry(
      {
        ...deps.registry,
        policy: request.registry,
        progress,
        ...(attempt.signal ? { signal: attempt.signal } : {}),
      },
      request,
    );
  } catch (error) {
    const failure = classifyFailure(error);
    const last = failure.permanent || attempt.isFinal;
    if (!last) {
      await bestEffort(deps, "promotion progress not written", () =>
        progress(renderPromotionRetrying(attempt.attempt, failure.message)),
      );
      throw error;
    }
    // The failure is evidence too: stored before it is said anywhere.
    await refreshComponent(
      deps,
      splitRepository(request.repository),
      (current) => ({
        registry: {
          repositoriesReady: current.registry?.repositoriesReady ?? false,
          policyOk: current.registry?.policyOk ?? false,
          ...(current.registry?.pushed ? { pushed: current.registry.pushed } : {}),
          lastFailure: {
            sha: request.sha,
            message: failure.message,
            action: failure.action,
            at: deps.clock.now().toISOString(),
          },
        },
      }),
      refresh,
    );
    await audit("failed", failure.message, { sha: request.sha, attempt: attempt.attempt });
    // Reporting is best effort: GitHub being down must not turn a permanent failure into a retried one.
    await bestEffort(deps, "promotion progress not written", () => progress(renderPromotionFailed(failure)));
    throw new PermanentFailure(failure.message, failure.action);
  }
}

async function bestEffort(deps: RunPromotionDeps, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.log.warn({ err: classifyFailure(error).message }, what);
  }
}

function splitRepository(repository: string) {
  const [owner, repo] = repository.split("/") as [string, string];
  return { owner, repo };
}
