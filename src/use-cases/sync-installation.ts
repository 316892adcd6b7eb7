import type { Clock } from "../ports/clock.js";
import type { InstallationRepositories } from "../ports/installations.js";
import type { ComponentStore, JobQueueStore } from "../ports/store.js";
import { z } from "zod";
import { enqueueJob, type JobType } from "./job-kind.js";

export const ONBOARD_JOB = "onboard";
export const SYNC_INSTALLATION_JOB = "sync-installation";

export interface OnboardJobPayload {
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
  readonly contentsAccess: "read" | "write" | "none";
  readonly reopen?: boolean;
  /** `/onboard`: the reply comment to report the outcome in, and who asked. */
  readonly replyId?: number;
  readonly requestedBy?: string;
}

/** A sync of one installation: which repositories must be onboarded whatever the store knows. */
export interface SyncInstallationPayload {
  readonly installationId: number;
  readonly contentsAccess: "read" | "write" | "none";
  /** `owner/name` the event named (added to the installation): onboarded even if known. */
  readonly onboard: readonly string[];
  /** `owner/name` whose closed onboarding pull request may be opened again (`/onboard`). */
  readonly reopen?: readonly string[];
}

const positiveId = z.number().int().positive();
const contentsAccess = z.enum(["read", "write", "none"]);
const repositoryName = z
  .string()
  .regex(/^[^/\s]+\/[^/\s]+$/, { error: 'not a repository; expected "owner/name"' });

/** Onboarding jobs: one per repository at a time. */
export const ONBOARD_JOB_TYPE: JobType<OnboardJobPayload> = {
  kind: ONBOARD_JOB,
  version: 1,
  schema: z.object({
    installationId: positiveId,
    owner: z.string().min(1),
    repo: z.string().min(1),
    contentsAccess,
    reopen: z.boolean().exactOptional(),
    // `/onboard`'s reply comment and author (kept, not stripped, when a caller sets them).
    replyId: positiveId.exactOptional(),
    requestedBy: z.string().min(1).exactOptional(),
  }),
  group: (payload) => `${payload.owner}/${payload.repo}`,
};

/** Installation syncs: one per installation at a time. */
export const SYNC_INSTALLATION_JOB_TYPE: JobType<SyncInstallationPayload> = {
  kind: SYNC_INSTALLATION_JOB,
  version: 1,
  schema: z.object({
    installationId: positiveId,
    contentsAccess,
    onboard: z.array(repositoryName),
    reopen: z.array(repositoryName).exactOptional(),
  }),
  group: (payload) => `installation:${payload.installationId}`,
};

export interface SyncInstallationDeps {
  readonly repositories: InstallationRepositories;
  readonly components: ComponentStore;
  readonly jobs: JobQueueStore;
  readonly clock: Clock;
}

/**
 * Lists the installation's repositories through the API (a webhook payload may be cut
 * short, and deliveries can be missed) and queues one onboarding job for each repository
 * the event named and each one the bot has never seen, unless one is already queued.
 * `key` makes the jobs of one sync unique, so a redelivered sync queues nothing new.
 * Resolves with how many onboarding jobs were queued.
 */
export async function syncInstallation(
  deps: SyncInstallationDeps,
  payload: SyncInstallationPayload,
  key: string,
): Promise<number> {
  const reachable = await deps.repositories.listRepositories();
  const named = new Set(payload.onboard);
  const reopen = new Set(payload.reopen ?? []);
  const pending = new Set(
    (await deps.jobs.pending()).filter((job) => job.kind === ONBOARD_JOB).map((job) => job.key.split(":")[1]),
  );
  let queued = 0;
  for (const fullName of reachable) {
    if (!named.has(fullName) && (pending.has(fullName) || (await deps.components.get(fullName)))) continue;
    const [owner, repo] = fullName.split("/") as [string, string];
    const job: OnboardJobPayload = {
      installationId: payload.installationId,
      owner,
      repo,
      contentsAccess: payload.contentsAccess,
      ...(reopen.has(fullName) ? { reopen: true } : {}),
    };
    const added = await enqueueJob(
      deps.jobs,
      ONBOARD_JOB_TYPE,
      `onboard:${fullName}:${key}`,
      job,
      deps.clock,
    );
    if (added) queued++;
  }
  return queued;
}
