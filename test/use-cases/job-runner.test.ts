import { z } from "zod";
import { openSqliteStore } from "../../src/adapters/storage/open-sqlite-store.js";
import { RegistryError } from "../../src/ports/image-registry.js";
import type { Store } from "../../src/ports/store.js";
import { defineJobKind, enqueueJob, type JobContext, type JobKind } from "../../src/use-cases/job-kind.js";
import {
  createJobRunner,
  JobAbortedError,
  PermanentJobError,
  type JobRunnerOptions,
} from "../../src/use-cases/job-runner.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { memoryLogger } from "../helpers/memory-logger.js";

const LEASE = 30_000;
const options: Partial<JobRunnerOptions> & Pick<JobRunnerOptions, "owner"> = {
  maxAttempts: 3,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  idleMs: 10,
  leaseMs: LEASE,
  owner: "test-owner",
};
const anything = z.unknown() as z.ZodType<unknown>;

/** A kind that accepts any payload. */
function kind(
  name: string,
  run: (payload: unknown, context: JobContext) => Promise<void>,
  concurrency = 1,
): JobKind<unknown> {
  return defineJobKind({ kind: name, version: 1, schema: anything, concurrency, run });
}

/** A promise the test settles itself. */
function deferred<T = void>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A handler that waits until the job's signal is aborted, and rejects with its reason. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<void>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));

let store: Store;
let clock: FakeClock;
beforeEach(() => {
  store = openSqliteStore(":memory:");
  clock = new FakeClock();
});
afterEach(async () => {
  await store.close();
});

const put = (type: JobKind<unknown>, key: string, payload: unknown = {}) =>
  enqueueJob(store.jobs, type, key, payload, clock);

describe("createJobRunner", () => {
  it("runs due jobs with their payloads and marks them done", async () => {
    const seen: unknown[] = [];
    const echo = kind("echo", async (payload) => void seen.push(payload));
    await put(echo, "a", { n: 1 });
    await put(echo, "b", { n: 2 });
    const runner = createJobRunner(store.jobs, [echo], clock, memoryLogger().log, options);
    expect(await runner.drain()).toBe(2);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await store.jobs.pending()).toEqual([]);
    expect(await store.jobs.get("a")).toMatchObject({ state: "done", owner: "test-owner" });
  });

  it("retries with exponential backoff, says which attempt is the last, and gives up after it", async () => {
    const attempts: Array<[number, boolean]> = [];
    const flaky = kind("flaky", async (_payload, { job, isFinal }) => {
      attempts.push([job.attempts, isFinal]);
      throw new Error("503 from GitHub");
    });
    await put(flaky, "a");
    const runner = createJobRunner(store.jobs, [flaky], clock, memoryLogger().log, options);
    await runner.drain();
    expect(attempts).toHaveLength(1);
    clock.advance(999);
    await runner.drain();
    expect(attempts).toHaveLength(1);
    clock.advance(1);
    await runner.drain();
    expect(attempts).toHaveLength(2);
    clock.advance(2_000);
    await runner.drain();
    clock.advance(60_000);
    await runner.drain();
    expect(attempts).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(await store.jobs.get("a")).toMatchObject({ state: "failed", lastError: "503 from GitHub" });
  });

  it("waits as long as the failure itself asks, rather than its backoff", async () => {
    let calls = 0;
    const limited = kind("limited", async () => {
      calls++;
      throw Object.assign(new Error("You have exceeded a secondary rate limit"), {
        status: 403,
        response: { headers: { "retry-after": "120" } },
      });
    });
    await put(limited, "a");
    const runner = createJobRunner(store.jobs, [limited], clock, memoryLogger().log, options);
    await runner.drain();
    clock.advance(119_999);
    await runner.drain();
    expect(calls).toBe(1);
    clock.advance(1);
    await runner.drain();
    expect(calls).toBe(2);
  });

  it("does not retry a permanent failure", async () => {
    let calls = 0;
    const bad = kind("bad", async () => {
      calls++;
      throw new PermanentJobError("the repository is archived");
    });
    await put(bad, "a");
    const runner = createJobRunner(store.jobs, [bad], clock, memoryLogger().log, options);
    await runner.drain();
    clock.advance(3_600_000);
    await runner.drain();
    expect(calls).toBe(1);
    expect(await store.jobs.get("a")).toMatchObject({ state: "failed" });
  });

  it("leaves a kind it does not run in the queue, for a process that runs it", async () => {
    const known = kind("known", async () => undefined);
    const unknown = kind("newer-kind", async () => undefined);
    await put(unknown, "u");
    await put(known, "k");
    const runner = createJobRunner(store.jobs, [known], clock, memoryLogger().log, options);
    expect(await runner.drain()).toBe(1);
    expect(await store.jobs.get("u")).toMatchObject({ state: "queued", attempts: 0 });
  });
});

describe("payloads", () => {
  const typed = defineJobKind({
    kind: "typed",
    version: 2,
    schema: z.object({ repository: z.string().regex(/^[^/]+\/[^/]+$/), attempt: z.number().int() }),
    concurrency: 1,
    run: async () => undefined,
  });

  it("refuses to queue a payload its kind's schema rejects", async () => {
    await expect(
      enqueueJob(store.jobs, typed, "t", { repository: "nope", attempt: 1 } as never, clock),
    ).rejects.toThrow(/payload of job "t" \(typed v2\) is invalid: repository: /);
    expect(await store.jobs.pending()).toEqual([]);
  });

  it("fails an invalid or unknown-version payload for good at claim, with a message that says why, and never runs it", async () => {
    let calls = 0;
    const runs = { ...typed, run: async () => void calls++ };
    const memory = memoryLogger();
    const raw = (key: string, version: number, payload: unknown) =>
      store.jobs.enqueue({ kind: "typed", version, key, payload, runAfter: clock.now() }, clock.now());
    await raw("bad-payload", 2, { repository: "o/r", attempt: "one" });
    await raw("old-version", 1, { repository: "o/r", attempt: 1 });
    await raw("good", 2, { repository: "o/r", attempt: 1 });
    const runner = createJobRunner(store.jobs, [runs], clock, memory.log, options);
    expect(await runner.drain()).toBe(3);
    expect(calls).toBe(1);
    expect(await store.jobs.get("bad-payload")).toMatchObject({
      state: "failed",
      lastError: expect.stringMatching(/job "bad-payload" \(typed v2\) has an invalid payload.*attempt: /),
    });
    expect(await store.jobs.get("old-version")).toMatchObject({
      state: "failed",
      lastError: expect.stringContaining(
        'payload version 1 of kind "typed", but this release runs version 2',
      ),
    });
    expect(
      memory.lines().filter((l) => l.msg === "job not run: its payload does not fit its kind"),
    ).toHaveLength(2);
    clock.advance(3_600_000);
    expect(await runner.drain()).toBe(0);
  });
});

describe("concurrency per kind", () => {
  it("never lets a blocked kind hold up another kind, and keeps each kind to its limit", async () => {
    const release = deferred();
    const slowStarted: string[] = [];
    const fastDone: string[] = [];
    const twoRunning = deferred();
    const allFastDone = deferred();
    let running = 0;
    let most = 0;
    const slow = kind("slow", async (_p, { job }) => {
      slowStarted.push(job.key);
      await release.promise;
    });
    const fast = kind(
      "fast",
      async (_p, { job }) => {
        running++;
        most = Math.max(most, running);
        if (running === 2) twoRunning.resolve();
        // The first two wait for each other: they only finish if both run at once.
        await twoRunning.promise;
        running--;
        fastDone.push(job.key);
        if (fastDone.length === 4) allFastDone.resolve();
      },
      2,
    );
    await put(slow, "slow-1");
    await put(slow, "slow-2");
    for (const key of ["fast-1", "fast-2", "fast-3", "fast-4"]) await put(fast, key);
    const runner = createJobRunner(store.jobs, [slow, fast], clock, memoryLogger().log, options);
    const drained = runner.drain();
    await allFastDone.promise;
    // Every fast job ran, two at a time, while the first slow one was still blocked and the second waited.
    expect(fastDone.sort()).toEqual(["fast-1", "fast-2", "fast-3", "fast-4"]);
    expect(most).toBe(2);
    expect(slowStarted).toEqual(["slow-1"]);
    release.resolve();
    expect(await drained).toBe(6);
    expect(slowStarted).toEqual(["slow-1", "slow-2"]);
  });
});

describe("leases", () => {
  it("lets another owner take a job whose lease ran out; the first owner's signal is aborted and its outcome not recorded", async () => {
    const memory = memoryLogger();
    const started = deferred();
    let reason: unknown;
    const stalled = kind("copy", async (_p, { signal }) => {
      started.resolve();
      await untilAborted(signal).catch((error: unknown) => {
        reason = error;
        throw error;
      });
    });
    const healthy: string[] = [];
    const peer = kind("copy", async (_p, { job }) => void healthy.push(`${job.key}#${job.attempts}`));
    await put(stalled, "a");
    const first = createJobRunner(store.jobs, [stalled], clock, memory.log, { ...options, owner: "first" });
    const second = createJobRunner(store.jobs, [peer], clock, memoryLogger().log, {
      ...options,
      owner: "second",
    });
    const firstDrain = first.drain();
    await started.promise;

    clock.advance(LEASE - 1);
    expect(await second.drain()).toBe(0); // the lease still runs
    clock.advance(1);
    expect(await second.drain()).toBe(1);
    expect(healthy).toEqual(["a#2"]);

    await first.heartbeat();
    await expect(firstDrain).resolves.toBe(1);
    expect(reason).toBeInstanceOf(JobAbortedError);
    expect(reason).toMatchObject({ why: "lost" });
    expect(await store.jobs.get("a")).toMatchObject({ state: "done", owner: "second", attempts: 2 });
    expect(memory.lines().map((l) => l.msg)).toEqual([
      "job lease lost; stopping it",
      "job outcome not recorded: another process holds the job now",
    ]);
  });

  it("keeps a job whose owner heartbeats past the first lease's end", async () => {
    const release = deferred();
    const started = deferred();
    const long = kind("long", async () => {
      started.resolve();
      await release.promise;
    });
    await put(long, "a");
    const owner = createJobRunner(store.jobs, [long], clock, memoryLogger().log, {
      ...options,
      owner: "one",
    });
    const peer = createJobRunner(store.jobs, [long], clock, memoryLogger().log, { ...options, owner: "two" });
    const drained = owner.drain();
    await started.promise;
    for (let i = 0; i < 5; i++) {
      clock.advance(LEASE / 3);
      await owner.heartbeat();
      expect(await peer.drain()).toBe(0);
    }
    release.resolve();
    await expect(drained).resolves.toBe(1);
    expect(await store.jobs.get("a")).toMatchObject({ state: "done", owner: "one", attempts: 1 });
  });
});

describe("cancellation", () => {
  it("aborts a running job at its next heartbeat and records it cancelled, not retried; a queued one never runs", async () => {
    const memory = memoryLogger();
    const started = deferred();
    let calls = 0;
    const promote = defineJobKind({
      kind: "promote",
      version: 1,
      schema: z.object({ repository: z.string() }),
      group: (p) => p.repository,
      concurrency: 2,
      run: async (_p, { signal }) => {
        calls++;
        started.resolve();
        await untilAborted(signal);
      },
    });
    await enqueueJob(store.jobs, promote, "promote:o/r:1", { repository: "o/r" }, clock);
    await enqueueJob(store.jobs, promote, "promote:o/r:2", { repository: "o/r" }, clock);
    const runner = createJobRunner(store.jobs, [promote], clock, memory.log, options);
    const drained = runner.drain();
    await started.promise;
    // One promotion of a component at a time: the second waits behind the first.
    expect(await store.jobs.get("promote:o/r:2")).toMatchObject({ state: "queued" });

    expect(
      await store.jobs.cancel({ kind: "promote", group: "o/r" }, "the repository left the app", clock.now()),
    ).toBe(2);
    await runner.heartbeat();
    await expect(drained).resolves.toBe(1);
    expect(calls).toBe(1);
    for (const key of ["promote:o/r:1", "promote:o/r:2"])
      expect(await store.jobs.get(key)).toMatchObject({
        state: "cancelled",
        lastError: "the repository left the app",
      });
    clock.advance(3_600_000);
    expect(await runner.drain()).toBe(0);
    expect(memory.lines().map((l) => l.msg)).toEqual(["job cancelled; stopping it", "job cancelled"]);
  });
});

describe("createJobRunner with Probot's real logger", () => {
  it("survives a failing job: logs through pino (called as a method) and goes on", async () => {
    const memory = memoryLogger();
    const seen: string[] = [];
    const bad = kind("bad", async () => {
      throw new PermanentJobError("digest mismatch");
    });
    const good = kind("good", async (_p, { job }) => void seen.push(job.key));
    await put(bad, "a");
    await put(good, "b");
    const runner = createJobRunner(store.jobs, [bad, good], clock, memory.log, options);
    await expect(runner.drain()).resolves.toBe(2);
    expect(seen).toEqual(["b"]);
    expect(memory.lines()).toEqual([
      expect.objectContaining({ level: 50, job: "a", err: "digest mismatch", msg: "job failed for good" }),
    ]);
  });

  it("treats a registry error that says it is not transient as permanent: one attempt", async () => {
    let calls = 0;
    const copy = kind("copy", async () => {
      calls++;
      throw new RegistryError(
        "fetching manifest from ci/x: 401 unauthorized — check the source credentials",
        {
          host: "ci",
          repository: "x",
          step: "fetching manifest",
          status: 401,
          transient: false,
        },
      );
    });
    await put(copy, "a");
    const runner = createJobRunner(store.jobs, [copy], clock, memoryLogger().log, options);
    await runner.drain();
    clock.advance(3_600_000);
    await runner.drain();
    expect(calls).toBe(1);
    expect(await store.jobs.pending()).toEqual([]);
  });

  it("survives a logger that throws and a queue that fails", async () => {
    const throwing = {
      warn: () => {
        throw new Error("transport closed");
      },
      error: () => {
        throw new Error("transport closed");
      },
    };
    const bad = kind("bad", async () => {
      throw new Error("boom");
    });
    await put(bad, "a");
    const runner = createJobRunner(store.jobs, [bad], clock, throwing, options);
    await expect(runner.drain()).resolves.toBe(1);
    const broken = {
      ...store.jobs,
      claim: async () => Promise.reject(new Error("database is locked")),
      heartbeat: async () => Promise.reject(new Error("database is locked")),
    };
    const runner2 = createJobRunner(broken, [bad], clock, throwing, options);
    await expect(runner2.drain()).resolves.toBe(0);
    await expect(runner2.heartbeat()).resolves.toBeUndefined();
  });

  it("records an outcome the queue failed to write at its next turn, not running the job again", async () => {
    const memory = memoryLogger();
    let calls = 0;
    const echo = kind("echo", async () => void calls++);
    await put(echo, "a");
    let refusals = 1;
    const flaky = {
      ...store.jobs,
      complete: async (id: number, owner: string, now: Date) =>
        refusals-- > 0
          ? Promise.reject(new Error("database is locked"))
          : store.jobs.complete(id, owner, now),
    };
    const runner = createJobRunner(flaky, [echo], clock, memory.log, options);
    expect(await runner.drain()).toBe(1);
    expect(await store.jobs.get("a")).toMatchObject({ state: "done" });
    expect(calls).toBe(1);
    expect(memory.lines()).toEqual([
      expect.objectContaining({
        job: "a",
        err: "database is locked",
        msg: "job outcome not recorded; tried again",
      }),
    ]);
  });

  it("keeps its loop running when a handler throws something that is not an Error", async () => {
    const memory = memoryLogger();
    const hostile = {
      get message(): string {
        throw new Error("getter");
      },
      get cause(): unknown {
        throw new Error("getter");
      },
    };
    const odd = kind("odd", async () => {
      throw hostile;
    });
    await put(odd, "a");
    const runner = createJobRunner(store.jobs, [odd], clock, memory.log, options);
    await expect(runner.drain()).resolves.toBe(1);
    expect(memory.lines()[0]).toMatchObject({ msg: "job failed; retrying" });
  });

  it("stops claiming on stop() and resolves once its jobs have finished", async () => {
    const release = deferred();
    const started = deferred();
    const long = kind("long", async () => {
      started.resolve();
      await release.promise;
    });
    await put(long, "a");
    const runner = createJobRunner(store.jobs, [long], clock, memoryLogger().log, options);
    runner.start();
    await started.promise;
    const stopped = runner.stop();
    await put(long, "b");
    release.resolve();
    await stopped;
    expect(await store.jobs.get("a")).toMatchObject({ state: "done" });
    expect(await store.jobs.get("b")).toMatchObject({ state: "queued" });
  });
});
