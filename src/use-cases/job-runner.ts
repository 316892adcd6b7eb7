import type { Clock } from "../ports/clock.js";
import type { HeartbeatResult, Job, JobQueueStore } from "../ports/store.js";
import { classifyFailure, describeError, PermanentFailure } from "./classify-failure.js";
import { readPayload, type AnyJobKind } from "./job-kind.js";

/** A job failure no retry can mend. */
export class PermanentJobError extends PermanentFailure {
  override name = "PermanentJobError";
}

/** Why a running job's signal was aborted: it was cancelled, or another process took its lease. */
export class JobAbortedError extends Error {
  override name = "AbortError";
  constructor(
    message: string,
    readonly why: Exclude<HeartbeatResult, "ok">,
  ) {
    super(message);
  }
}

/** What the runner logs through: pino's shape, called as methods (pino needs its `this`). */
export interface JobLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobRunnerOptions {
  readonly maxAttempts: number;
  /** Backoff before attempt n+1: base * 2^(n-1), capped; a failure's own "retry after" wins. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** How long to wait when no job is due, or after the queue itself failed. */
  readonly idleMs: number;
  /** How long a claimed job stays this process's without a heartbeat; heartbeats go every third of it. */
  readonly leaseMs: number;
  /** This process's name in the queue (default: host name, process id and a random part). */
  readonly owner: string;
}

export const DEFAULT_JOB_RUNNER_OPTIONS: Omit<JobRunnerOptions, "owner"> = {
  maxAttempts: 6,
  backoffBaseMs: 5_000,
  backoffMaxMs: 10 * 60_000,
  idleMs: 1_000,
  leaseMs: 30_000,
};

export interface JobRunner {
  /** The owner id this runner claims jobs under. */
  readonly owner: string;
  /**
   * Runs due jobs, each kind up to its concurrency at once, until none is due and none
   * runs; resolves with how many ran. Never rejects.
   */
  drain(): Promise<number>;
  /**
   * Extends the lease of every job this runner runs, and aborts the signal of those that
   * were cancelled or taken by another process. `start()` calls it every third of the
   * lease; tests call it themselves. Never rejects.
   */
  heartbeat(): Promise<void>;
  /** Keeps claiming due jobs and heartbeating until `stop()`. */
  start(): void;
  /** Stops claiming; resolves when the running jobs have finished. */
  stop(): Promise<void>;
}

interface Running {
  readonly job: Job;
  /** Set once a heartbeat said the job is no longer ours to finish as usual. */
  stopped?: Exclude<HeartbeatResult, "ok">;
  readonly controller: AbortController;
}

/**
 * The durable job loop over the store's queue. Each kind runs up to its own concurrency,
 * so a long job of one kind never holds up another kind. A claimed job is leased to this
 * process and kept by heartbeats; a process that dies leaves its jobs to be taken once
 * their leases expire, by a peer or by its own restart. A payload is checked against its
 * kind's schema and version before it runs: one that does not fit fails for good, with a
 * message that says why. Failures are classified once (`classifyFailure`): permanent ones
 * and the last attempt fail for good, others are retried after exponential backoff or
 * after the time the failure itself asked for. Nothing a handler, the queue or the logger
 * throws stops the loop or escapes it: a job's failure is the job's, never the process's.
 */
export function createJobRunner(
  queue: Pick<JobQueueStore, "claim" | "heartbeat" | "complete" | "fail">,
  kinds: readonly AnyJobKind[],
  clock: Clock,
  log: JobLogger,
  overrides: Partial<JobRunnerOptions> & Pick<JobRunnerOptions, "owner">,
): JobRunner {
  const options: JobRunnerOptions = { ...DEFAULT_JOB_RUNNER_OPTIONS, ...overrides };
  const { owner, leaseMs } = options;
  const byKind = new Map<string, AnyJobKind>();
  for (const kind of kinds) {
    if (byKind.has(kind.kind)) throw new Error(`job kind "${kind.kind}" is defined twice`);
    byKind.set(kind.kind, kind);
  }
  const running = new Map<number, Running>();
  const busy = new Map<string, number>();
  /** Outcomes the queue failed to record (it threw): written again before the next claim. */
  let unrecorded: Array<{ job: Job; write: () => Promise<boolean> }> = [];
  let finished = signal();
  /** How many jobs have ended so far. */
  let ended = 0;
  let started = false;
  let stopping = signal();
  let loops: Promise<unknown> | undefined;

  // A logger that throws (a broken transport, a serializer bug) must not take a job down with it.
  const say = (level: "warn" | "error", obj: object, msg: string): void => {
    try {
      if (level === "error") log.error(obj, msg);
      else log.warn(obj, msg);
    } catch {
      // Nothing sensible is left to report to.
    }
  };
  const about = (job: Job) => ({ job: job.key, kind: job.kind, attempts: job.attempts });

  /** Writes a job's outcome; a refusal means the job is no longer ours, a throw that it is written again later. */
  const record = async (job: Job, write: () => Promise<boolean>): Promise<void> => {
    try {
      if (!(await write()))
        say("warn", about(job), "job outcome not recorded: another process holds the job now");
    } catch (error) {
      unrecorded.push({ job, write });
      say("error", { ...about(job), err: describeError(error) }, "job outcome not recorded; tried again");
    }
  };
  const recordAgain = async (): Promise<void> => {
    const pending = unrecorded;
    unrecorded = [];
    for (const { job, write } of pending) await record(job, write);
  };

  const runOne = async (job: Job, kind: AnyJobKind, entry: Running): Promise<void> => {
    const read = readPayload(kind, job);
    if (!read.ok) {
      await record(job, () => queue.fail(job.id, owner, read.reason, clock.now()));
      say("error", { ...about(job), err: read.reason }, "job not run: its payload does not fit its kind");
      return;
    }
    const isFinal = job.attempts >= options.maxAttempts;
    try {
      await kind.run(read.payload, { job, signal: entry.controller.signal, isFinal });
    } catch (error) {
      const now = clock.now();
      const failure = classifyFailure(error, now);
      const permanent = failure.permanent || isFinal;
      const backoff = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** (job.attempts - 1));
      const retryAt = new Date(now.getTime() + (failure.retryAfterMs ?? backoff));
      await record(job, () =>
        queue.fail(job.id, owner, failure.message, now, permanent ? undefined : retryAt),
      );
      if (entry.stopped === "cancelled") say("warn", about(job), "job cancelled");
      else if (entry.stopped !== "lost")
        say(
          permanent ? "error" : "warn",
          { ...about(job), err: failure.message, permanent: failure.permanent },
          permanent ? "job failed for good" : "job failed; retrying",
        );
      return;
    }
    await record(job, () => queue.complete(job.id, owner, clock.now()));
  };

  const launch = (job: Job): void => {
    const kind = byKind.get(job.kind);
    const entry: Running = { job, controller: new AbortController() };
    running.set(job.id, entry);
    busy.set(job.kind, (busy.get(job.kind) ?? 0) + 1);
    const work = kind
      ? runOne(job, kind, entry)
      : record(job, () => queue.fail(job.id, owner, `no handler for job kind "${job.kind}"`, clock.now()));
    void work
      .catch((error: unknown) =>
        say("error", { ...about(job), err: describeError(error) }, "job runner error"),
      )
      .finally(() => {
        running.delete(job.id);
        busy.set(job.kind, (busy.get(job.kind) ?? 1) - 1);
        ended++;
        finished.resolve();
        finished = signal();
      });
  };

  /** Claims and starts jobs while a kind has a free slot and a job is due; how many started. */
  const fill = async (): Promise<number> => {
    let count = 0;
    try {
      await recordAgain();
      for (;;) {
        const free = [...byKind.values()]
          .filter((kind) => (busy.get(kind.kind) ?? 0) < kind.concurrency)
          .map((kind) => kind.kind);
        if (free.length === 0) return count;
        const job = await queue.claim(free, owner, clock.now(), leaseMs);
        if (!job) return count;
        launch(job);
        count++;
      }
    } catch (error) {
      say("error", { err: describeError(error) }, "job queue unavailable");
      return count;
    }
  };

  const heartbeat = async (): Promise<void> => {
    for (const entry of [...running.values()]) {
      if (entry.stopped === "lost") continue;
      let result: HeartbeatResult;
      try {
        result = await queue.heartbeat(entry.job.id, owner, clock.now(), leaseMs);
      } catch (error) {
        say("warn", { ...about(entry.job), err: describeError(error) }, "job heartbeat not recorded");
        continue;
      }
      if (result === "ok" || entry.stopped === result) continue;
      entry.stopped = result;
      const message =
        result === "lost"
          ? `job "${entry.job.key}" was taken over by another process: its lease ran out here`
          : `job "${entry.job.key}" was cancelled`;
      say(
        "warn",
        about(entry.job),
        result === "lost" ? "job lease lost; stopping it" : "job cancelled; stopping it",
      );
      try {
        entry.controller.abort(new JobAbortedError(message, result));
      } catch (error) {
        // An abort listener of the job threw: the job still sees its signal aborted.
        say("warn", { ...about(entry.job), err: describeError(error) }, "job abort listener failed");
      }
    }
  };

  const drain = async (): Promise<number> => {
    let ran = 0;
    for (;;) {
      const before = ended;
      ran += await fill();
      // A job that ended while claiming freed a slot the claims did not ask for: look again.
      if (ended !== before) continue;
      if (running.size === 0) return ran;
      await finished.promise;
    }
  };

  /** Sleeps on the clock, or less when the runner stops. */
  const pause = (ms: number) => Promise.race([clock.sleep(ms).catch(() => undefined), stopping.promise]);

  return {
    owner,
    drain,
    heartbeat,
    start() {
      if (started) return;
      started = true;
      stopping = signal();
      const claiming = (async () => {
        while (started) {
          await fill();
          await Promise.race([finished.promise, pause(options.idleMs)]);
        }
      })();
      const beating = (async () => {
        for (;;) {
          const interval = clock.sleep(Math.max(1, Math.floor(leaseMs / 3))).catch(() => undefined);
          // Once stopped, beat on until the last running job has finished.
          await Promise.race([interval, started ? stopping.promise : finished.promise]);
          if (!started && running.size === 0) return;
          await heartbeat();
        }
      })();
      loops = Promise.all([claiming, beating]);
    },
    async stop() {
      started = false;
      stopping.resolve();
      await loops;
      while (running.size > 0) await finished.promise;
    },
  };
}

function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
