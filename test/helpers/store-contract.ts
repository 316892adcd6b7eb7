/**
 * The store port's contract as one suite: every adapter of `Store` (SQLite today, PostgreSQL
 * for several replicas later) runs it with a function that opens an empty store.
 * Adapter-specific behaviour (files, migrations, restarts) is tested beside the adapter.
 */
import type { NewJob, Store } from "../../src/ports/store.js";

const t0 = new Date("2026-11-25T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const LEASE = 30_000;
const A = "host-a:1:aaaa";
const B = "host-b:1:bbbb";

const job = (key: string, extra: Partial<NewJob> = {}): NewJob => ({
  kind: "k",
  version: 1,
  key,
  payload: { key },
  runAfter: t0,
  ...extra,
});

export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`${name}: the store port's contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe("deliveries", () => {
      it("claims a delivery once, lets a stale claim be retaken, and never a completed one", async () => {
        expect(await store.deliveries.claim("d", "push", t0, 60_000)).toBe(true);
        expect(await store.deliveries.claim("d", "push", at(1_000), 60_000)).toBe(false);
        expect(await store.deliveries.claim("d", "push", at(61_000), 60_000)).toBe(true);
        await store.deliveries.complete("d", at(62_000));
        expect(await store.deliveries.claim("d", "push", at(600_000), 60_000)).toBe(false);
      });

      it("lets a released claim be handled again", async () => {
        await store.deliveries.claim("d", "push", t0, 60_000);
        await store.deliveries.release("d");
        expect(await store.deliveries.claim("d", "push", t0, 60_000)).toBe(true);
      });
    });

    describe("components", () => {
      const record = (evidence: unknown, level = 1, repository = "o/r") => ({
        repository,
        installationId: 7,
        evidence,
        level,
        updatedAt: t0.toISOString(),
      });

      it("writes a record only over the version it was decided on", async () => {
        expect(await store.components.get("o/r")).toBeUndefined();
        expect(await store.components.compareAndSet(record({ a: 1 }), 0)).toMatchObject({ version: 1 });
        // A second writer that also saw no record loses, and writes nothing.
        expect(await store.components.compareAndSet(record({ b: 1 }), 0)).toBeUndefined();
        expect(await store.components.compareAndSet(record({ a: 2 }, 2), 1)).toMatchObject({ version: 2 });
        // A writer that decided on version 1 is refused once version 2 is stored.
        expect(await store.components.compareAndSet(record({ stale: true }), 1)).toBeUndefined();
        expect(await store.components.get("o/r")).toEqual({ ...record({ a: 2 }, 2), version: 2 });
      });

      it("lists every component by repository", async () => {
        await store.components.compareAndSet(record({}, 1, "o/b"), 0);
        await store.components.compareAndSet(record({}, 2, "o/a"), 0);
        expect((await store.components.list()).map((c) => [c.repository, c.level])).toEqual([
          ["o/a", 2],
          ["o/b", 1],
        ]);
      });

      it("keeps published outputs apart from the evidence", async () => {
        await store.components.compareAndSet(record({ a: 1 }), 0);
        await store.components.setOutputs("o/r", { topic: "t" }, t0);
        await store.components.setOutputs("o/r", { topic: "u" }, at(1));
        expect(await store.components.get("o/r")).toMatchObject({ version: 1, evidence: { a: 1 } });
        expect(await store.components.getOutputs("o/r")).toEqual({ topic: "u" });
        expect(await store.components.getOutputs("o/other")).toBeUndefined();
      });
    });

    describe("jobs: queueing", () => {
      it("adds a key once and hands out due jobs of the asked kinds, oldest first, with what they were queued with", async () => {
        expect(await store.jobs.enqueue(job("b", { runAfter: at(10) }), t0)).toBe(true);
        expect(await store.jobs.enqueue(job("a", { version: 3, group: "o/r" }), t0)).toBe(true);
        expect(await store.jobs.enqueue(job("a", { payload: "again" }), t0)).toBe(false);
        expect(await store.jobs.enqueue(job("c", { kind: "other" }), t0)).toBe(true);
        expect(await store.jobs.claim(["k"], A, at(5), LEASE)).toMatchObject({
          kind: "k",
          version: 3,
          key: "a",
          payload: { key: "a" },
          group: "o/r",
          state: "running",
          owner: A,
          leaseUntil: at(5 + LEASE).toISOString(),
          attempts: 1,
        });
        expect(await store.jobs.claim(["k"], A, at(5), LEASE)).toBeUndefined();
        expect(await store.jobs.claim(["k"], A, at(10), LEASE)).toMatchObject({ key: "b" });
        expect(await store.jobs.claim([], A, at(10), LEASE)).toBeUndefined();
        expect(await store.jobs.claim(["other", "k"], A, at(10), LEASE)).toMatchObject({ key: "c" });
      });

      it("does not add a key again while it is running or once it is done", async () => {
        await store.jobs.enqueue(job("a"), t0);
        const running = await store.jobs.claim(["k"], A, t0, LEASE);
        expect(await store.jobs.enqueue(job("a"), t0)).toBe(false);
        expect(await store.jobs.complete(running!.id, A, at(1))).toBe(true);
        expect(await store.jobs.enqueue(job("a"), at(2))).toBe(false);
        expect(await store.jobs.get("a")).toMatchObject({ state: "done", attempts: 1 });
        expect(await store.jobs.pending()).toEqual([]);
      });

      it("retries a failed attempt at its time, and queues a job that failed for good again when asked", async () => {
        await store.jobs.enqueue(job("a"), t0);
        const first = await store.jobs.claim(["k"], A, t0, LEASE);
        expect(await store.jobs.fail(first!.id, A, "503", t0, at(1_000))).toBe(true);
        expect(await store.jobs.get("a")).toMatchObject({ state: "queued", lastError: "503" });
        expect(await store.jobs.claim(["k"], A, at(999), LEASE)).toBeUndefined();
        const second = await store.jobs.claim(["k"], A, at(1_000), LEASE);
        expect(second).toMatchObject({ key: "a", attempts: 2 });
        expect(await store.jobs.fail(second!.id, A, "gave up", at(1_000))).toBe(true);
        expect(await store.jobs.get("a")).toMatchObject({ state: "failed", lastError: "gave up" });
        expect(await store.jobs.claim(["k"], A, at(3_600_000), LEASE)).toBeUndefined();

        expect(await store.jobs.enqueue(job("a", { payload: 2 }), at(2_000))).toBe(true);
        expect(await store.jobs.enqueue(job("a", { payload: 3 }), at(2_000))).toBe(false);
        expect(await store.jobs.claim(["k"], A, at(2_000), LEASE)).toMatchObject({ payload: 2, attempts: 1 });
      });

      it("retries the failed jobs of one kind and key prefix on request", async () => {
        for (const key of ["promote:o/a:1", "promote:o/b:1"]) {
          await store.jobs.enqueue(job(key, { kind: "promote" }), t0);
          const claimed = await store.jobs.claim(["promote"], A, t0, LEASE);
          await store.jobs.fail(claimed!.id, A, "gave up", t0);
        }
        expect(await store.jobs.retryFailed("other", "promote:o/a:", at(5))).toBe(0);
        expect(await store.jobs.retryFailed("promote", "promote:o/a:", at(5))).toBe(1);
        expect((await store.jobs.pending()).map((j) => [j.key, j.state, j.attempts])).toEqual([
          ["promote:o/a:1", "queued", 0],
        ]);
      });

      it("lists the jobs not finished, oldest first", async () => {
        await store.jobs.enqueue(job("late", { runAfter: at(50) }), t0);
        await store.jobs.enqueue(job("early"), t0);
        await store.jobs.enqueue(job("done"), t0);
        await store.jobs.claim(["k"], A, t0, LEASE); // "early"
        const done = await store.jobs.claim(["k"], A, t0, LEASE);
        await store.jobs.complete(done!.id, A, t0);
        expect((await store.jobs.pending()).map((j) => [j.key, j.state])).toEqual([
          ["early", "running"],
          ["late", "queued"],
        ]);
        expect(await store.jobs.get("missing")).toBeUndefined();
      });
    });

    describe("jobs: leases", () => {
      it("never hands a leased job to another owner while its lease runs", async () => {
        await store.jobs.enqueue(job("a"), t0);
        const held = await store.jobs.claim(["k"], A, t0, LEASE);
        expect(await store.jobs.claim(["k"], B, at(LEASE - 1), LEASE)).toBeUndefined();
        expect(await store.jobs.heartbeat(held!.id, A, at(20_000), LEASE)).toBe("ok");
        // The heartbeat moved the lease on: still A's past the first lease's end.
        expect(await store.jobs.claim(["k"], B, at(LEASE + 10_000), LEASE)).toBeUndefined();
        expect(await store.jobs.get("a")).toMatchObject({ leaseUntil: at(20_000 + LEASE).toISOString() });
        expect(await store.jobs.complete(held!.id, A, at(40_000))).toBe(true);
      });

      it("hands a job whose lease ran out to another owner; the first owner loses it and records nothing", async () => {
        await store.jobs.enqueue(job("a"), t0);
        const first = await store.jobs.claim(["k"], A, t0, LEASE);
        const taken = await store.jobs.claim(["k"], B, at(LEASE), LEASE);
        expect(taken).toMatchObject({ id: first!.id, owner: B, attempts: 2, state: "running" });
        expect(await store.jobs.heartbeat(first!.id, A, at(LEASE + 1), LEASE)).toBe("lost");
        expect(await store.jobs.complete(first!.id, A, at(LEASE + 1))).toBe(false);
        expect(await store.jobs.fail(first!.id, A, "late", at(LEASE + 1))).toBe(false);
        expect(await store.jobs.get("a")).toMatchObject({ state: "running", owner: B });
        expect(await store.jobs.heartbeat(first!.id, B, at(LEASE + 1), LEASE)).toBe("ok");
        expect(await store.jobs.complete(first!.id, B, at(LEASE + 2))).toBe(true);
        expect(await store.jobs.heartbeat(first!.id, B, at(LEASE + 3), LEASE)).toBe("lost");
      });

      it("lets an owner keep a job whose lease ran out as long as nobody took it, and never re-claims its own", async () => {
        await store.jobs.enqueue(job("a"), t0);
        const held = await store.jobs.claim(["k"], A, t0, LEASE);
        // The owner is still running it (it stalled): it must not start it a second time.
        expect(await store.jobs.claim(["k"], A, at(LEASE * 2), LEASE)).toBeUndefined();
        expect(await store.jobs.heartbeat(held!.id, A, at(LEASE * 2), LEASE)).toBe("ok");
        expect(await store.jobs.claim(["k"], B, at(LEASE * 2 + 1), LEASE)).toBeUndefined();
        expect(await store.jobs.complete(held!.id, A, at(LEASE * 2 + 2))).toBe(true);
      });

      it("runs one job of a kind per group at a time", async () => {
        await store.jobs.enqueue(job("p1", { group: "o/a" }), t0);
        await store.jobs.enqueue(job("p2", { group: "o/a" }), t0);
        await store.jobs.enqueue(job("q1", { group: "o/b" }), t0);
        await store.jobs.enqueue(job("x1", { kind: "other", group: "o/a" }), t0);
        await store.jobs.enqueue(job("n1"), t0);
        const p1 = await store.jobs.claim(["k", "other"], A, t0, LEASE);
        expect(p1?.key).toBe("p1");
        const next: string[] = [];
        for (let j = await store.jobs.claim(["k", "other"], B, t0, LEASE); j;) {
          next.push(j.key);
          j = await store.jobs.claim(["k", "other"], B, t0, LEASE);
        }
        expect(next).toEqual(["q1", "x1", "n1"]);
        await store.jobs.complete(p1!.id, A, at(1));
        expect(await store.jobs.claim(["k"], B, at(1), LEASE)).toMatchObject({ key: "p2" });
      });

      it("hands a dead owner's job over first, and keeps the group's next one behind it", async () => {
        await store.jobs.enqueue(job("p1", { group: "o/a" }), t0);
        await store.jobs.enqueue(job("p2", { group: "o/a", runAfter: at(1) }), t0);
        await store.jobs.claim(["k"], A, t0, LEASE);
        // Past the lease the dead owner's job comes first (it is the older); the next waits for it.
        expect(await store.jobs.claim(["k"], B, at(LEASE), LEASE)).toMatchObject({ key: "p1", attempts: 2 });
        expect(await store.jobs.claim(["k"], B, at(LEASE), LEASE)).toBeUndefined();
      });
    });

    describe("jobs: cancellation", () => {
      it("cancels queued jobs at once: they never run, and asking again queues them", async () => {
        await store.jobs.enqueue(job("promote:o/a:1", { group: "o/a" }), t0);
        await store.jobs.enqueue(job("promote:o/a:2", { group: "o/a" }), t0);
        await store.jobs.enqueue(job("promote:o/b:1", { group: "o/b" }), t0);
        await store.jobs.enqueue(job("other", { kind: "other", group: "o/a" }), t0);
        expect(
          await store.jobs.cancel({ kind: "k", group: "o/a" }, "the repository was removed", at(1)),
        ).toBe(2);
        expect(await store.jobs.get("promote:o/a:1")).toMatchObject({
          state: "cancelled",
          lastError: "the repository was removed",
        });
        expect((await store.jobs.pending()).map((j) => j.key)).toEqual(["promote:o/b:1", "other"]);
        expect(await store.jobs.enqueue(job("promote:o/a:1", { group: "o/a" }), at(2))).toBe(true);
        expect(await store.jobs.get("promote:o/a:1")).toMatchObject({ state: "queued", attempts: 0 });
      });

      it("narrows by key prefix and group together", async () => {
        await store.jobs.enqueue(job("promote:o/a:1", { group: "o/a" }), t0);
        await store.jobs.enqueue(job("promote:o/a:2", { group: "o/a" }), t0);
        await store.jobs.enqueue(job("promote:o/b:1", { group: "o/b" }), t0);
        expect(await store.jobs.cancel({ kind: "k", keyPrefix: "promote:o/a:2" }, "r", t0)).toBe(1);
        expect(await store.jobs.cancel({ kind: "k", keyPrefix: "promote:", group: "o/b" }, "r", t0)).toBe(1);
        expect(await store.jobs.cancel({ kind: "k", keyPrefix: "none:" }, "r", t0)).toBe(0);
        expect((await store.jobs.pending()).map((j) => j.key)).toEqual(["promote:o/a:1"]);
        expect(await store.jobs.cancel({ kind: "k" }, "r", t0)).toBe(1);
        expect(await store.jobs.pending()).toEqual([]);
      });

      it("tells the owner of a running job at its heartbeat; its end is recorded as cancelled, not retried", async () => {
        await store.jobs.enqueue(job("a", { group: "o/a" }), t0);
        const held = await store.jobs.claim(["k"], A, t0, LEASE);
        expect(await store.jobs.cancel({ kind: "k", group: "o/a" }, "removed", at(1))).toBe(1);
        expect(await store.jobs.cancel({ kind: "k", group: "o/a" }, "removed", at(1))).toBe(0);
        expect(await store.jobs.heartbeat(held!.id, A, at(2), LEASE)).toBe("cancelled");
        expect(await store.jobs.fail(held!.id, A, "aborted", at(3), at(10_000))).toBe(true);
        expect(await store.jobs.get("a")).toMatchObject({ state: "cancelled", lastError: "removed" });
        expect(await store.jobs.claim(["k"], A, at(3_600_000), LEASE)).toBeUndefined();
      });

      it("ends a cancelled job whose owner died instead of handing it out", async () => {
        await store.jobs.enqueue(job("a"), t0);
        await store.jobs.claim(["k"], A, t0, LEASE);
        await store.jobs.cancel({ kind: "k" }, "removed", at(1));
        expect(await store.jobs.claim(["k"], B, at(LEASE + 1), LEASE)).toBeUndefined();
        expect(await store.jobs.get("a")).toMatchObject({ state: "cancelled" });
      });
    });

    describe("writes", () => {
      it("counts recorded writes in a window and finds the oldest", async () => {
        for (let i = 0; i < 5; i++) await store.writes.recordWrite("content", at(i * 10_000));
        expect(await store.writes.countWrites("content", at(15_000))).toBe(3);
        expect(await store.writes.oldestWrite("content", at(15_000))).toEqual(at(20_000));
        expect(await store.writes.countWrites("other", t0)).toBe(0);
        expect(await store.writes.oldestWrite("other", t0)).toBeUndefined();
      });

      it("keeps the latest pause of a bucket", async () => {
        expect(await store.writes.writesPausedUntil("b")).toBeUndefined();
        await store.writes.pauseWrites("b", at(60_000));
        await store.writes.pauseWrites("b", at(30_000));
        expect(await store.writes.writesPausedUntil("b")).toEqual(at(60_000));
        await store.writes.pauseWrites("b", at(90_000));
        expect(await store.writes.writesPausedUntil("b")).toEqual(at(90_000));
        expect(await store.writes.writesPausedUntil("other")).toBeUndefined();
      });
    });

    describe("audit", () => {
      const entry = (repository: string) => ({
        at: t0.toISOString(),
        repository,
        actor: "a",
        command: "promotion",
        outcome: "done",
      });

      it("appends a keyed entry at most once, and unkeyed ones every time", async () => {
        expect(await store.audit.append(entry("o/r"), "promote:o/r:abc:done")).toBe(true);
        expect(await store.audit.append(entry("o/r"), "promote:o/r:abc:done")).toBe(false);
        expect(await store.audit.append(entry("o/r"))).toBe(true);
        expect(await store.audit.append(entry("o/r"))).toBe(true);
        expect(await store.audit.list({ repository: "o/r" })).toHaveLength(3);
      });

      it("lists entries in order, all or one repository's, with their message and details", async () => {
        await store.audit.append({ ...entry("o/a"), message: "promoted", details: { sha: "abc" } });
        await store.audit.append(entry("o/b"));
        expect(await store.audit.list()).toEqual([
          { ...entry("o/a"), message: "promoted", details: { sha: "abc" } },
          entry("o/b"),
        ]);
        expect(await store.audit.list({ repository: "o/b" })).toEqual([entry("o/b")]);
      });
    });
  });
}
