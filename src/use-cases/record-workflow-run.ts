import type { RegistryPolicy } from "../config/policy.js";
import { parseImagesJson } from "../domain/images/parse-images-json.js";
import type { ComponentManifest } from "../domain/manifest/component-manifest.js";
import { imagesEvidence } from "../domain/maturity/images-evidence.js";
import type { Ladder } from "../domain/maturity/ladder.js";
import { IMAGES_JSON } from "../domain/names.js";
import type { Clock } from "../ports/clock.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { ComponentStore, JobQueueStore } from "../ports/store.js";
import { BOT_ACTOR } from "../domain/names.js";
import { requestPublish } from "./publish-component.js";
import { refreshComponent } from "./refresh-component.js";
import {
  reportTests,
  type CompletedRun,
  type ReportTestsDeps,
  type ReportTestsOutcome,
  type RunResults,
} from "./report-tests.js";
import { requestPromotion } from "./request-promotion.js";
import type { ResolvedPolicy } from "./resolve-policy.js";
import { enqueueJob, type JobType } from "./job-kind.js";
import { z } from "zod";

export const REPORT_RUN_JOB = "report-run";

/** A completed workflow run, as the report-run job carries it. */
export interface WorkflowRunPayload {
  readonly repository: string;
  readonly installationId: number;
  readonly run: CompletedRun & {
    readonly event: string;
    readonly headBranch: string | null;
    readonly runNumber: number;
    readonly updatedAt: string;
  };
}

export interface RecordWorkflowRunDeps extends Omit<ReportTestsDeps, "checkName" | "record"> {
  readonly components: ComponentStore;
  readonly jobs: JobQueueStore;
  readonly clock: Clock;
  readonly policy: (repo: RepositoryRef) => Promise<ResolvedPolicy>;
  /** The CI registry hosts images.json may name (configuration). */
  readonly ciRegistryHosts: readonly string[];
}

const positiveId = z.number().int().positive();

/** Report-run jobs: the runs of one component are reported one at a time. */
export const REPORT_RUN_JOB_TYPE: JobType<WorkflowRunPayload> = {
  kind: REPORT_RUN_JOB,
  version: 1,
  schema: z.object({
    repository: z.string().regex(/^[^/\s]+\/[^/\s]+$/, { error: 'not a repository; expected "owner/name"' }),
    installationId: positiveId,
    run: z.object({
      id: positiveId,
      attempt: positiveId,
      headSha: z.string().min(1),
      workflowPath: z.string(),
      conclusion: z.string().nullable(),
      htmlUrl: z.string().exactOptional(),
      event: z.string(),
      headBranch: z.string().nullable(),
      runNumber: z.number().int(),
      updatedAt: z.string(),
    }),
  }),
  group: (payload) => payload.repository,
};

/** The webhook's part: queue the run's report, so the delivery is answered at once. */
export async function queueRunReport(
  deps: { readonly jobs: JobQueueStore; readonly clock: Clock },
  payload: WorkflowRunPayload,
): Promise<boolean> {
  const key = `report-run:${payload.repository}:${payload.run.id}:${payload.run.attempt}`;
  return enqueueJob(deps.jobs, REPORT_RUN_JOB_TYPE, key, payload, deps.clock);
}

/**
 * The report-run job: the run's test results become a check run on its head commit; for a
 * push to the watched branch they become the component's CI evidence, stored before the
 * check run is completed. Whether the build follows into the registry (level 3 reached,
 * no `/hold`) is decided on the record as stored, in the same compare-and-set as the
 * evidence, and the promotion job checks the hold again when it runs.
 */
export async function recordWorkflowRun(
  deps: RecordWorkflowRunDeps,
  payload: WorkflowRunPayload,
): Promise<ReportTestsOutcome> {
  const [owner, name] = payload.repository.split("/") as [string, string];
  const repo = { owner, repo: name };
  const { policy, ladder } = await deps.policy(repo);
  const { run } = payload;
  return reportTests(
    {
      ...deps,
      checkName: policy.checks.tests,
      record: async (manifest, results) => {
        if (run.event !== "push" || run.headBranch !== manifest.branch) return;
        await recordBuild(deps, repo, payload, { manifest, results, ladder, registry: policy.registry });
      },
    },
    repo,
    run,
  );
}

async function recordBuild(
  deps: RecordWorkflowRunDeps,
  repo: RepositoryRef,
  payload: WorkflowRunPayload,
  input: {
    manifest: ComponentManifest;
    results: RunResults;
    ladder: Ladder;
    registry: RegistryPolicy | undefined;
  },
): Promise<void> {
  const { run, installationId, repository } = payload;
  const { manifest, results } = input;
  const parsed =
    results.imagesJson === undefined ? undefined : parseImagesJson(results.imagesJson, IMAGES_JSON);
  let follow = false;
  const recorded = await refreshComponent(
    deps,
    repo,
    (current) => {
      // After level 3 every passing build follows into the registry, unless a maintainer said /hold.
      follow = run.conclusion === "success" && current.registry?.pushed !== undefined && !current.hold;
      return {
        ci: {
          runId: run.id,
          sha: run.headSha,
          conclusion: run.conclusion ?? "unknown",
          at: run.updatedAt,
          branch: manifest.branch,
          reportsFound: results.reportsFound,
          ...(results.totals ? { totals: results.totals } : {}),
          parseErrors: results.parseErrors,
          ...(results.readError ? { readError: results.readError } : {}),
        },
        images: imagesEvidence(
          manifest,
          parsed?.images,
          { sha: run.headSha, branch: manifest.branch, runNumber: run.runNumber, runAttempt: run.attempt },
          { registryHosts: deps.ciRegistryHosts, problems: parsed?.problems ?? [] },
        ),
      };
    },
    // Published below, unless a promotion follows and publishes the level it reaches.
    { installationId, ladder: input.ladder, publish: false },
  );
  const publish = () =>
    requestPublish(deps, {
      repository,
      installationId,
      version: recorded.version,
      ...(recorded.previousLevel === undefined ? {} : { previousLevel: recorded.previousLevel }),
    });
  if (!follow) return publish();
  const queued = await requestPromotion(deps, {
    repository,
    installationId,
    target: "registry",
    actor: BOT_ACTOR,
    automatic: true,
    evidence: recorded.evidence,
    manifest,
    registry: input.registry,
    ladder: input.ladder,
  });
  // Not promotable after all (e.g. images.json incomplete): show the level with the reason now.
  if (queued.outcome !== "done") await publish();
}
