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
    await store.jobs.enqueue(
      { kind: "onboard", version: 1, key: "onboard:o/r", payload: { repo: "r" }, runAfter: t0 },
      t0,
    );
    await store.writes.pauseWrites("github-content:7", later(60_000));
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
    expect(await store.writes.writesPausedUntil("github-content:7")).toEqual(later(60_000));
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

describe("migrations", () => {
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

  it("queues again the jobs an older release left running, with a version and the group their key names", async () => {
    const path = join(dir, "old.sqlite");
    const db = new Database(path);
    for (const sql of MIGRATIONS.slice(0, 3)) db.exec(sql);
    db.pragma("user_version = 3");
    const insert = db.prepare(
      "INSERT INTO jobs (kind, key, payload, state, attempts, run_after, created_at, updated_at) VALUES (?, ?, '{}', ?, ?, ?, ?, ?)",
    );
    const t = t0.toISOString();
    insert.run("promote", "promote:o/r:abc", "running", 1, t, t, t);
    insert.run("onboard", "onboard:o/s:delivery-1", "queued", 0, t, t, t);
    insert.run("sync-installation", "sync:7:delivery-1", "done", 1, t, t, t);
    db.close();
    const store = openSqliteStore(path);
    expect(await store.jobs.get("promote:o/r:abc")).toMatchObject({
      state: "queued",
      version: 1,
      group: "o/r",
      attempts: 1,
    });
    expect(await store.jobs.get("onboard:o/s:delivery-1")).toMatchObject({ group: "o/s" });
    expect(await store.jobs.get("sync:7:delivery-1")).not.toHaveProperty("group");
    expect(await store.jobs.claim(["promote"], "new", t0, 30_000)).toMatchObject({ attempts: 2 });
    await store.close();
  });
});

describe("jobs across processes", () => {
  const newJob = { kind: "k", version: 1, key: "a", payload: 1, runAfter: t0 };

  it("leaves a job a crash left running to the next process only once its lease has run out", async () => {
    const path = join(dir, "sofie.sqlite");
    let store = openSqliteStore(path);
    await store.jobs.enqueue(newJob, t0);
    await store.jobs.claim(["k"], "dead", t0, 30_000);
    await store.close(); // the process dies with the job running
    store = openSqliteStore(path);
    expect(await store.jobs.claim(["k"], "restarted", later(29_999), 30_000)).toBeUndefined();
    expect(await store.jobs.claim(["k"], "restarted", later(30_000), 30_000)).toMatchObject({
      key: "a",
      attempts: 2,
    });
    await store.close();
  });

  it("never gives one job to two processes sharing the file", async () => {
    const path = join(dir, "sofie.sqlite");
    const one = openSqliteStore(path);
    const two = openSqliteStore(path);
    for (let i = 0; i < 20; i++) await one.jobs.enqueue({ ...newJob, key: `j${i}` }, t0);
    const claimed: string[] = [];
    for (let i = 0; i < 20; i++) {
      const [a, b] = await Promise.all([
        one.jobs.claim(["k"], "one", t0, 30_000),
        two.jobs.claim(["k"], "two", t0, 30_000),
      ]);
      for (const j of [a, b]) if (j) claimed.push(j.key);
    }
    expect(claimed.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `j${i}`).sort());
    await one.close();
    await two.close();
  });
});
