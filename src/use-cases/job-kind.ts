import { z } from "zod";
import type { Clock } from "../ports/clock.js";
import type { Job, JobQueueStore } from "../ports/store.js";

/**
 * What a job kind's payload is: its name, the version of its payload schema and the
 * schema itself. Enough to queue a job of the kind; use cases that queue jobs hold this.
 */
export interface JobType<P> {
  /** The kind's name, stored with each job (`promote`, `onboard`, …). */
  readonly kind: string;
  /**
   * The payload schema's version, stored with each job. Bump it when the schema changes in
   * a way older payloads do not satisfy: a job of a version this release does not run fails
   * for good with a message saying so, instead of running on a payload it misreads.
   */
  readonly version: number;
  readonly schema: z.ZodType<P>;
  /** What a job is about (e.g. the repository), from its payload: cancelling selects by it, and one job of the kind runs per group at a time. */
  readonly group?: (payload: P) => string;
}

/** What a running job is given besides its payload. */
export interface JobContext {
  readonly job: Job;
  /**
   * Aborted when the job must stop: it was cancelled, or another process took its lease
   * (this one stalled past it). Its reason says which; the outcome is no longer this
   * attempt's to record.
   */
  readonly signal: AbortSignal;
  /** This is the last attempt: a failure now is final (report it as such). */
  readonly isFinal: boolean;
}

/** A job kind the runner can run: the type, how many run at once in a process, and the work. */
export interface JobKind<P> extends JobType<P> {
  /** At most this many jobs of the kind run at once in one process; other kinds are not held up by them. */
  readonly concurrency: number;
  /**
   * Does the job. Throw `PermanentFailure` (or anything `classifyFailure` calls permanent)
   * for what no retry can mend; anything else is retried with backoff. Must be idempotent:
   * a crash or a lost lease runs it again.
   */
  run(payload: P, context: JobContext): Promise<void>;
}

/** A job kind of any payload, as the runner holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the runner validates each payload with its kind's own schema
export type AnyJobKind = JobKind<any>;

/** Declares a job kind; checks its settings so that a mistake stops the app at start. */
export function defineJobKind<P>(definition: JobKind<P>): JobKind<P> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.kind))
    throw new Error(`job kind "${definition.kind}": use lowercase letters, digits and '-'`);
  if (!Number.isInteger(definition.version) || definition.version < 1)
    throw new Error(`job kind "${definition.kind}": the version must be a whole number of at least 1`);
  if (!Number.isInteger(definition.concurrency) || definition.concurrency < 1)
    throw new Error(`job kind "${definition.kind}": the concurrency must be a whole number of at least 1`);
  return definition;
}

export interface EnqueueOptions {
  /** When the job may run first (default: now). */
  readonly runAfter?: Date;
  /** Overrides the group the type derives from the payload. */
  readonly group?: string;
}

/**
 * Queues a job of `type` under `key` (a key already queued, running or done queues
 * nothing: false), after checking the payload against the type's schema, so that a job
 * never waits in the queue on a payload it cannot run with. Throws on an invalid payload.
 */
export async function enqueueJob<P>(
  queue: Pick<JobQueueStore, "enqueue">,
  type: JobType<P>,
  key: string,
  payload: P,
  clock: Clock,
  options: EnqueueOptions = {},
): Promise<boolean> {
  const checked = type.schema.safeParse(payload);
  if (!checked.success)
    throw new Error(
      `the payload of job "${key}" (${type.kind} v${type.version}) is invalid: ${describeIssues(checked.error)}`,
    );
  const now = clock.now();
  const group = options.group ?? type.group?.(checked.data);
  return queue.enqueue(
    {
      kind: type.kind,
      version: type.version,
      key,
      payload: checked.data,
      ...(group === undefined ? {} : { group }),
      runAfter: options.runAfter ?? now,
    },
    now,
  );
}

/** The job's payload checked against its kind: the payload, or why it cannot be run (for good). */
export function readPayload<P>(
  kind: JobKind<P>,
  job: Job,
): { ok: true; payload: P } | { ok: false; reason: string } {
  if (job.version !== kind.version)
    return {
      ok: false,
      reason: `job "${job.key}" has payload version ${job.version} of kind "${job.kind}", but this release runs version ${kind.version}; it was not run (queue it again from a release that knows its version)`,
    };
  const checked = kind.schema.safeParse(job.payload);
  if (!checked.success)
    return {
      ok: false,
      reason: `job "${job.key}" (${job.kind} v${job.version}) has an invalid payload, so it was not run: ${describeIssues(checked.error)}`,
    };
  return { ok: true, payload: checked.data };
}

/** Zod's issues in one line: `path: message; …`, the first five. */
function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : "";
  return issues.join("; ") + more;
}
