import { openSqliteStore } from "../../src/adapters/storage/open-sqlite-store.js";
import { createJobRunner, PermanentJobError } from "../../src/use-cases/job-runner.js";
import type { Job } from "../../src/ports/store.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { memoryLogger } from "../helpers/memory-logger.js";
import { RegistryError } from "../../src/ports/image-registry.js";

const log = { warn: () => undefined, error: () => undefined };
const options = { maxAttempts: 3, backoffBaseMs: 1_000, backoffMaxMs: 60_000, idleMs: 10 };

describe("createJobRunner", () => {
  it("runs due jobs and marks them done", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    const seen: unknown[] = [];
    await store.jobs.enqueue({ kind: "echo", key: "a", payload: { n: 1 }, runAfter: clock.now() });
    await store.jobs.enqueue({ kind: "echo", key: "b", payload: { n: 2 }, runAfter: clock.now() });
    const runner = createJobRunner(
      store.jobs,
      { echo: async (job: Job) => void seen.push(job.payload) },
      clock,
      log,
      options,
    );
    expect(await runner.drain()).toBe(2);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await store.jobs.pending()).toEqual([]);
    await store.close();
  });

  it("retries with exponential backoff and gives up after the last attempt", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    let calls = 0;
    await store.jobs.enqueue({ kind: "flaky", key: "a", payload: {}, runAfter: clock.now() });
    const runner = createJobRunner(
      store.jobs,
      {
        flaky: async () => {
          calls++;
          throw new Error("503 from GitHub");
        },
      },
      clock,
      log,
      options,
    );
    await runner.drain();
    expect(calls).toBe(1);
    clock.advance(999);
    await runner.drain();
    expect(calls).toBe(1);
    clock.advance(1);
    await runner.drain();
    expect(calls).toBe(2);
    clock.advance(2_000);
    await runner.drain();
    expect(calls).toBe(3);
    clock.advance(60_000);
    await runner.drain();
    expect(calls).toBe(3);
    expect(await store.jobs.pending()).toEqual([]);
    await store.close();
  });

  it("does not retry a permanent failure", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    let calls = 0;
    await store.jobs.enqueue({ kind: "bad", key: "a", payload: {}, runAfter: clock.now() });
    const runner = createJobRunner(
      store.jobs,
      {
        bad: async () => {
          calls++;
          throw new PermanentJobError("the repository is archived");
        },
      },
      clock,
      log,
      options,
    );
    await runner.drain();
    clock.advance(3_600_000);
    await runner.drain();
    expect(calls).toBe(1);
    await store.close();
  });
});

describe("createJobRunner with Probot's real logger", () => {
  it("survives a failing job: logs through pino (called as a method) and goes on", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    const memory = memoryLogger();
    const seen: string[] = [];
    await store.jobs.enqueue({ kind: "bad", key: "a", payload: {}, runAfter: clock.now() });
    await store.jobs.enqueue({ kind: "good", key: "b", payload: {}, runAfter: clock.now() });
    const runner = createJobRunner(
      store.jobs,
      {
        bad: async () => {
          throw new PermanentJobError("digest mismatch");
        },
        good: async (job) => void seen.push(job.key),
      },
      clock,
      memory.log,
      options,
    );
    await expect(runner.drain()).resolves.toBe(2);
    expect(seen).toEqual(["b"]);
    expect(memory.lines()).toEqual([
      expect.objectContaining({ level: 50, job: "a", err: "digest mismatch", msg: "job failed for good" }),
    ]);
    await store.close();
  });

  it("treats a registry error that says it is not transient as permanent: one attempt", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    let calls = 0;
    await store.jobs.enqueue({ kind: "copy", key: "a", payload: {}, runAfter: clock.now() });
    const runner = createJobRunner(
      store.jobs,
      {
        copy: async () => {
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
        },
      },
      clock,
      memoryLogger().log,
      options,
    );
    await runner.drain();
    clock.advance(3_600_000);
    await runner.drain();
    expect(calls).toBe(1);
    expect(await store.jobs.pending()).toEqual([]);
    await store.close();
  });

  it("survives a logger that throws and a queue that fails", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    await store.jobs.enqueue({ kind: "bad", key: "a", payload: {}, runAfter: clock.now() });
    const throwing = {
      warn: () => {
        throw new Error("transport closed");
      },
      error: () => {
        throw new Error("transport closed");
      },
    };
    const runner = createJobRunner(
      store.jobs,
      {
        bad: async () => {
          throw new Error("boom");
        },
      },
      clock,
      throwing,
      options,
    );
    await expect(runner.drain()).resolves.toBe(1);
    const broken = { ...store.jobs, claimNext: async () => Promise.reject(new Error("database is locked")) };
    const runner2 = createJobRunner(broken, {}, clock, throwing, options);
    await expect(runner2.drain()).resolves.toBe(0);
    await store.close();
  });

  it("keeps its loop running when a handler throws something that is not an Error", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    const memory = memoryLogger();
    await store.jobs.enqueue({ kind: "odd", key: "a", payload: {}, runAfter: clock.now() });
    const hostile = {
      get message(): string {
        throw new Error("getter");
      },
    };
    const runner = createJobRunner(
      store.jobs,
      {
        odd: async () => {
          throw hostile;
        },
      },
      clock,
      memory.log,
      options,
    );
    await expect(runner.drain()).resolves.toBe(1);
    expect(memory.lines()[0]).toMatchObject({ msg: "job failed; retrying" });
    await store.close();
  });
});
