import { openSqliteStore } from "../../src/adapters/storage/open-sqlite-store.js";
import { createJobRunner, PermanentJobError } from "../../src/use-cases/job-runner.js";
import type { Job } from "../../src/ports/store.js";
import { FakeClock } from "../helpers/fake-clock.js";

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
