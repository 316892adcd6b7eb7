import type { Clock } from "../ports/clock.js";
import type { Job, JobQueueStore } from "../ports/store.js";
import { classifyFailure, describeError, PermanentFailure } from "./classify-failure.js";

/** Runs one kind of job. Throw a `PermanentFailure` (or an error classified permanent) for failures a retry cannot mend. */
export type JobHandler = (job: Job) => Promise<void>;

/** A job failure no retry can mend. */
export class PermanentJobError extends PermanentFailure {
  override name = "PermanentJobError";
}

/** What the runner logs through: pino's shape, called as methods (pino needs its `this`). */
export interface JobLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobRunnerOptions {
  readonly maxAttempts: number;
  /** Backoff before attempt n+1: base * 2^(n-1), capped. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** How long to wait when no job is due, or after the queue itself failed. */
  readonly idleMs: number;
}

export const DEFAULT_JOB_RUNNER_OPTIONS: JobRunnerOptions = {
  maxAttempts: 6,
  backoffBaseMs: 5_000,
  backoffMaxMs: 10 * 60_000,
  idleMs: 1_000,
};

export interface JobRunner {
  /** Runs due jobs until none is due; resolves with how many ran. Never rejects. */
  drain(): Promise<number>;
  /** Keeps draining until `stop()`. */
  start(): void;
  stop(): Promise<void>;
}

/**
 * The durable job loop over the store's queue: jobs survive a restart (a job a crash
 * left running is queued again when the store opens), fail with exponential backoff and
 * give up after `maxAttempts`, or at once when the failure is permanent
 * (`classifyFailure`). Nothing a handler, the queue or the logger throws stops the loop or
 * escapes it: a job's failure is the job's, never the process's.
 */
export function createJobRunner(
  queue: JobQueueStore,
  handlers: Readonly<Record<string, JobHandler>>,
  clock: Clock,
  log: JobLogger,
  options: JobRunnerOptions = DEFAULT_JOB_RUNNER_OPTIONS,
): JobRunner {
  let running = false;
  let loop: Promise<void> | undefined;

  // A logger that throws (a broken transport, a serializer bug) must not take a job down with it.
  const say = (level: "warn" | "error", obj: object, msg: string): void => {
    try {
      if (level === "error") log.error(obj, msg);
      else log.warn(obj, msg);
    } catch {
      // Nothing sensible is left to report to.
    }
  };

  const runOne = async (job: Job): Promise<void> => {
    const handler = handlers[job.kind];
    if (!handler) {
      await queue.fail(job.id, `no handler for job kind "${job.kind}"`, clock.now());
      say("error", { job: job.key, kind: job.kind }, "job has no handler");
      return;
    }
    try {
      await handler(job);
    } catch (error) {
      const failure = classifyFailure(error);
      const permanent = failure.permanent || job.attempts >= options.maxAttempts;
      const delay = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** (job.attempts - 1));
      const now = clock.now();
      await queue.fail(job.id, failure.message, now, permanent ? undefined : new Date(now.getTime() + delay));
      say(
        permanent ? "error" : "warn",
        { job: job.key, attempts: job.attempts, err: failure.message, permanent: failure.permanent },
        permanent ? "job failed for good" : "job failed; retrying",
      );
      return;
    }
    await queue.complete(job.id, clock.now());
  };

  const drain = async (): Promise<number> => {
    let ran = 0;
    try {
      for (let job = await queue.claimNext(clock.now()); job; job = await queue.claimNext(clock.now())) {
        try {
          await runOne(job);
        } catch (error) {
          // The queue failed to record the outcome: the job stays claimed and is taken again later.
          say("error", { job: job.key, err: describeError(error) }, "job outcome not recorded");
        }
        ran++;
      }
    } catch (error) {
      say("error", { err: describeError(error) }, "job queue unavailable");
    }
    return ran;
  };

  return {
    drain,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          const ran = await drain();
          if (ran === 0 && running) await clock.sleep(options.idleMs).catch(() => undefined);
        }
      })();
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}
