import { mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openSqliteStore } from "../../../src/adapters/storage/open-sqlite-store.js";
import { MIGRATIONS } from "../../../src/adapters/storage/migrations.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sofie-store-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const t0 = new Date("2026-11-25T12:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

describe("openSqliteStore", () => {
  it("creates the file and its folder on first start, at the latest schema version", async () => {
    const path = join(dir, "nested", "data", "sofie.sqlite");
    const store = openSqliteStore(path);
    await store.close();
    expect(existsSync(path)).toBe(true);
    const db = new Database(path);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it("keeps everything across a restart", async () => {
    const path = join(dir, "sofie.sqlite");
    let store = openSqliteStore(path);
    await store.deliveries.claim("d1", "push", t0, 60_000);
    await store.deliveries.complete("d1", t0);
    await store.components.compareAndSet(
      {
        repository: "o/r",
        installationId: 7,
        evidence: { push: { sha: "abc" } },
        level: 1,
        updatedAt: t0.toISOString(),
      },
      0,
    );
    await store.components.setOutputs("o/r", { topic: "sofie-level-1" }, t0);
    await store.jobs.enqueue({ kind: "onboard", key: "onboard:o/r", payload: { repo: "r" }, runAfter: t0 });
    await store.audit.append({
      at: t0.toISOString(),
      repository: "o/r",
      actor: "a",
      command: "/status",
      outcome: "ok",
    });
    await store.close();

    store = openSqliteStore(path);
    expect(await store.deliveries.claim("d1", "push", later(1), 60_000)).toBe(false);
    expect(await store.components.get("o/r")).toMatchObject({
      level: 1,
      version: 1,
      evidence: { push: { sha: "abc" } },
    });
    expect(await store.components.getOutputs("o/r")).toEqual({ topic: "sofie-level-1" });
    expect((await store.jobs.pending()).map((j) => j.key)).toEqual(["onboard:o/r"]);
    expect(await store.audit.list({ repository: "o/r" })).toHaveLength(1);
    await store.close();
  });

  it("refuses a database from a newer release instead of damaging it", async () => {
    const path = join(dir, "sofie.sqlite");
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStore(path)).toThrow(/newer than this release knows/);
  });
});

describe("components", () => {
  const record = (evidence: unknown, level = 1) => ({
    repository: "o/r",
    installationId: 7,
    evidence,
    level,
    updatedAt: t0.toISOString(),
  });

  it("writes a record only over the version it was decided on", async () => {
    const store = openSqliteStore(":memory:");
    expect(await store.components.compareAndSet(record({ a: 1 }), 0)).toMatchObject({ version: 1 });
    // A second writer that also saw no record loses, and writes nothing.
    expect(await store.components.compareAndSet(record({ b: 1 }), 0)).toBeUndefined();
    expect(await store.components.compareAndSet(record({ a: 2 }, 2), 1)).toMatchObject({ version: 2 });
    // A writer that decided on version 1 is refused once version 2 is stored.
    expect(await store.components.compareAndSet(record({ stale: true }), 1)).toBeUndefined();
    expect(await store.components.get("o/r")).toMatchObject({ version: 2, level: 2, evidence: { a: 2 } });
    await store.close();
  });

  it("keeps published outputs apart from the evidence", async () => {
    const store = openSqliteStore(":memory:");
    await store.components.compareAndSet(record({ a: 1 }), 0);
    await store.components.setOutputs("o/r", { topic: "t" }, t0);
    expect(await store.components.get("o/r")).toMatchObject({ version: 1 });
    expect(await store.components.getOutputs("o/r")).toEqual({ topic: "t" });
    expect(await store.components.getOutputs("o/other")).toBeUndefined();
    await store.close();
  });

  it("carries an older database's components and outputs over", async () => {
    const path = join(dir, "old.sqlite");
    const db = new Database(path);
    for (const sql of MIGRATIONS.slice(0, 2)) db.exec(sql);
    db.pragma("user_version = 2");
    db.prepare(
      "INSERT INTO components (repository, installation_id, evidence, level, outputs, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
    ).run(
      "o/r",
      7,
      JSON.stringify({ hold: true }),
      2,
      JSON.stringify({ topic: "sofie-level-2" }),
      t0.toISOString(),
    );
    db.close();
    const store = openSqliteStore(path);
    expect(await store.components.get("o/r")).toMatchObject({
      version: 1,
      level: 2,
      evidence: { hold: true },
    });
    expect(await store.components.getOutputs("o/r")).toEqual({ topic: "sofie-level-2" });
    await store.close();
  });
});

describe("audit log", () => {
  it("appends a keyed entry at most once", async () => {
    const store = openSqliteStore(":memory:");
    const entry = {
      at: t0.toISOString(),
      repository: "o/r",
      actor: "a",
      command: "promotion",
      outcome: "done",
    };
    expect(await store.audit.append(entry, "promote:o/r:abc:done")).toBe(true);
    expect(await store.audit.append(entry, "promote:o/r:abc:done")).toBe(false);
    expect(await store.audit.append(entry)).toBe(true);
    expect(await store.audit.append(entry)).toBe(true);
    expect(await store.audit.list({ repository: "o/r" })).toHaveLength(3);
    await store.close();
  });
});

describe("delivery log", () => {
  it("claims a delivery once, lets a stale claim be retaken, and never a completed one", async () => {
    const store = openSqliteStore(":memory:");
    expect(await store.deliveries.claim("d", "push", t0, 60_000)).toBe(true);
    expect(await store.deliveries.claim("d", "push", later(1_000), 60_000)).toBe(false);
    expect(await store.deliveries.claim("d", "push", later(61_000), 60_000)).toBe(true);
    await store.deliveries.complete("d", later(62_000));
    expect(await store.deliveries.claim("d", "push", later(600_000), 60_000)).toBe(false);
    await store.close();
  });

  it("lets a released claim be handled again", async () => {
    const store = openSqliteStore(":memory:");
    await store.deliveries.claim("d", "push", t0, 60_000);
    await store.deliveries.release("d");
    expect(await store.deliveries.claim("d", "push", t0, 60_000)).toBe(true);
    await store.close();
  });
});

describe("job queue", () => {
  it("adds a key once and hands out due jobs oldest first", async () => {
    const store = openSqliteStore(":memory:");
    expect(await store.jobs.enqueue({ kind: "k", key: "b", payload: 2, runAfter: later(10) })).toBe(true);
    expect(await store.jobs.enqueue({ kind: "k", key: "a", payload: 1, runAfter: t0 })).toBe(true);
    expect(await store.jobs.enqueue({ kind: "k", key: "a", payload: 9, runAfter: t0 })).toBe(false);
    expect(await store.jobs.claimNext(later(5))).toMatchObject({ key: "a", payload: 1, attempts: 1 });
    expect(await store.jobs.claimNext(later(5))).toBeUndefined();
    const b = await store.jobs.claimNext(later(10));
    expect(b?.key).toBe("b");
    await store.jobs.fail(b!.id, "boom", later(10), later(1_000));
    expect(await store.jobs.claimNext(later(999))).toBeUndefined();
    expect(await store.jobs.claimNext(later(1_000))).toMatchObject({ key: "b", attempts: 2 });
    await store.close();
  });

  it("queues a job that failed for good again when it is asked for again, and only then", async () => {
    const store = openSqliteStore(":memory:");
    await store.jobs.enqueue({ kind: "k", key: "a", payload: 1, runAfter: t0 });
    const job = await store.jobs.claimNext(t0);
    await store.jobs.fail(job!.id, "gave up", t0);
    expect(await store.jobs.enqueue({ kind: "k", key: "a", payload: 2, runAfter: t0 })).toBe(true);
    expect(await store.jobs.enqueue({ kind: "k", key: "a", payload: 3, runAfter: t0 })).toBe(false);
    expect(await store.jobs.claimNext(t0)).toMatchObject({ key: "a", payload: 2, attempts: 1 });
    await store.close();
  });

  it("retries the failed jobs of one prefix on request", async () => {
    const store = openSqliteStore(":memory:");
    for (const key of ["promote:o/a:1", "promote:o/b:1"]) {
      await store.jobs.enqueue({ kind: "promote", key, payload: {}, runAfter: t0 });
      const job = await store.jobs.claimNext(t0);
      await store.jobs.fail(job!.id, "gave up", t0);
    }
    expect(await store.jobs.retryFailed("promote", "promote:o/a:", later(5))).toBe(1);
    expect((await store.jobs.pending()).map((j) => j.key)).toEqual(["promote:o/a:1"]);
    await store.close();
  });

  it("queues again the jobs a crash left running", async () => {
    const path = join(dir, "sofie.sqlite");
    let store = openSqliteStore(path);
    await store.jobs.enqueue({ kind: "k", key: "a", payload: 1, runAfter: t0 });
    await store.jobs.claimNext(t0);
    await store.close(); // the process dies with the job running
    store = openSqliteStore(path);
    expect(await store.jobs.claimNext(t0)).toMatchObject({ key: "a", attempts: 2 });
    await store.close();
  });

  it("counts recorded writes in a window", async () => {
    const store = openSqliteStore(":memory:");
    for (let i = 0; i < 5; i++) await store.jobs.recordWrite("content", later(i * 10_000));
    expect(await store.jobs.countWrites("content", later(15_000))).toBe(3);
    expect(await store.jobs.oldestWrite("content", later(15_000))).toEqual(later(20_000));
    expect(await store.jobs.countWrites("other", t0)).toBe(0);
    await store.close();
  });
});
