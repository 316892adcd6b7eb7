import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { evaluateMaturity } from "../domain/maturity/evaluate-maturity.js";
import type { Clock } from "../ports/clock.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { ComponentStore, JobQueueStore } from "../ports/store.js";
import { z } from "zod";
import { enqueueJob, type JobType } from "./job-kind.js";
import { createKeyedLock } from "./keyed-lock.js";
import type { ResolvedPolicy } from "./resolve-policy.js";
import { writeLevelOutputs, type LevelOutputsDeps, type LevelOutputsState } from "./write-level-outputs.js";

export const PUBLISH_JOB = "publish";

/** A publish job: which component, and the level it had before the write that asked for it. */
export interface PublishJobPayload {
  readonly repository: string;
  readonly installationId: number;
  /** The stored level before the write, so that a drop is shown as one. */
  readonly previousLevel?: number;
}

/** Publish jobs: one per component at a time (one status issue, never two, across replicas too). */
export const PUBLISH_JOB_TYPE: JobType<PublishJobPayload> = {
  kind: PUBLISH_JOB,
  version: 1,
  schema: z.object({
    repository: z.string().regex(/^[^/\s]+\/[^/\s]+$/, { error: 'not a repository; expected "owner/name"' }),
    installationId: z.number().int().positive(),
    previousLevel: z.number().int().min(0).exactOptional(),
  }),
  group: (payload) => payload.repository,
};

export interface PublishDeps extends LevelOutputsDeps {
  readonly components: ComponentStore;
  readonly clock: Clock;
  /** The organisation policy that applies to the repository (ladder, check name, topic prefix). */
  readonly policy: (repo: RepositoryRef) => Promise<ResolvedPolicy>;
}

export type PublishOutcome = "published" | "no-record" | "not-onboarded";

/** Publishes of one component in this process run one after another (one status issue, never two). */
const lock = createKeyedLock();

/**
 * Projects a component's stored state onto GitHub: the maturity check run on the watched
 * branch's head, the level topic, the status issue and its labels. Reads the record as
 * stored now (a job that runs late publishes the latest state, never an old one), writes
 * only what differs from what was last published, and records what it published. Safe to
 * run any number of times: a failed GitHub write fails the job, which is retried, and no
 * evidence depends on it.
 */
export function publishComponent(
  deps: PublishDeps,
  repo: RepositoryRef,
  request: { readonly previousLevel?: number },
): Promise<PublishOutcome> {
  const key = `${repo.owner}/${repo.repo}`;
  return lock(key, async () => {
    const record = await deps.components.get(key);
    if (!record) return "no-record";
    const evidence = record.evidence as ComponentEvidence;
    // The bot shows nothing in a repository that has not merged its onboarding PR.
    if (!evidence.manifest) return "not-onboarded";
    const { policy, ladder } = await deps.policy(repo);
    const evaluation = evaluateMaturity(ladder, evidence, {
      now: deps.clock.now().toISOString(),
      ...(request.previousLevel === undefined ? {} : { previousLevel: request.previousLevel }),
    });
    const previous = ((await deps.components.getOutputs(key)) as LevelOutputsState | undefined) ?? {};
    const headSha = evidence.push?.sha ?? evidence.ci?.sha;
    const outputs = await writeLevelOutputs(
      deps,
      repo,
      {
        evaluation,
        ...(evidence.manifest.component ? { component: evidence.manifest.component } : {}),
        ...(headSha ? { headSha } : {}),
        maturityCheckName: policy.checks.maturity,
        topicPrefix: policy.topics.prefix,
        ...(evidence.dockerfile ? { findings: evidence.dockerfile.findings } : {}),
      },
      previous,
    );
    await deps.components.setOutputs(key, outputs, deps.clock.now());
    return "published";
  });
}

/**
 * Asks for a component's outputs to be published from what is stored now: one job per
 * stored version, so a request is never lost behind one that already ran.
 */
export async function requestPublish(
  deps: { readonly jobs: JobQueueStore; readonly clock: Clock },
  payload: PublishJobPayload & { readonly version: number },
): Promise<void> {
  const { version, ...rest } = payload;
  await enqueueJob(deps.jobs, PUBLISH_JOB_TYPE, `publish:${payload.repository}:${version}`, rest, deps.clock);
}
