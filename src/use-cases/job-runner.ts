import type { Clock } from "../ports/clock.js";
import type { Job, JobQueueStore } from "../ports/store.js";

/** Runs one kind of job. Throw `PermanentJobError` for failures a retry cannot mend. */
export type JobHandler = (job: Job) => Promise<void>;

export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

export interface JobRunnerOptions {
  readonly maxAttempts: number;
  /** Backoff before attempt n+1: base * 2^(n-1), capped. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** How long to wait when no job is due. */
  readonly idleMs: number;
}

export const DEFAULT_JOB_RUNNER_OPTIONS: JobRunnerOptions = {
  maxAttempts: 6,
  backoffBaseMs: 5_000,
  backoffMaxMs: 10 * 60_000,
  idleMs: 1_000,
};

export interface JobRunner {
  /** Runs due jobs until none is due; resolves with how many ran. */
  drain(): Promise<number>;
  /** Keeps draining until `stop()`. */
  start(): void;
  stop(): Promise<void>;
}

/**
 * The durable job loop over the store's queue: jobs survive a restart (a job a crash
 * left running is queued again when the store opens), fail with exponential backoff and
 * give up after `maxAttempts`.
 */
export function createJobRunner(
  queue: JobQueueStore,
  handlers: Readonly<Record<string, JobHandler>>,
  clock: Clock,
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void },
  options: JobRunnerOptions = DEFAULT_JOB_RUNNER_OPTIONS,
): JobRunner {
  let running = false;
  let loop: Promise<void> | undefined;

  const runOne = async (job: Job): Promise<void> => {
    const handler = handlers[job.kind];
    if (!handler) {
      await queue.fail(job.id, `no handler for job kind "${job.kind}"`, clock.now());
      return;
    }
    try {
      await handler(job);
      await queue.complete(job.id, clock.now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentJobError || job.attempts >= options.maxAttempts;
      const delay = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** (job.attempts - 1));
      const now = clock.now();
      await queue.fail(job.id, message, now, permanent ? undefined : new Date(now.getTime() + delay));
      (permanent ? log.error : log.warn)(
        { job: job.key, attempts: job.attempts, err: message },
        "job failed",
      );
    }
  };

  const drain = async (): Promise<number> => {
    let ran = 0;
    for (let job = await queue.claimNext(clock.now()); job; job = await queue.claimNext(clock.now())) {
      await runOne(job);
      ran++;
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
          if ((await drain()) === 0 && running) await clock.sleep(options.idleMs);
        }
      })();
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}
