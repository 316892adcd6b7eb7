import type Database from "better-sqlite3";
import type { HeartbeatResult, Job, JobQueueStore, JobState } from "../../ports/store.js";

interface JobRow {
  id: number;
  kind: string;
  version: number;
  key: string;
  payload: string;
  group_key: string | null;
  state: JobState;
  owner: string | null;
  lease_until: string | null;
  cancel_requested: number;
  attempts: number;
  run_after: string;
  last_error: string | null;
}

/**
 * The job queue over SQLite, with leases. Every read-then-write runs in one transaction,
 * so two owners can never both take a job. Times are ISO 8601 strings in UTC (they sort
 * as they compare).
 */
export function sqliteJobs(db: Database.Database): JobQueueStore {
  const q = {
    enqueue: db.prepare(
      `INSERT INTO jobs (kind, version, key, payload, group_key, state, run_after, created_at, updated_at)
       VALUES (@kind, @version, @key, @payload, @group, 'queued', @runAfter, @now, @now)
       ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, version = excluded.version,
         payload = excluded.payload, group_key = excluded.group_key, state = 'queued', attempts = 0,
         run_after = excluded.run_after, last_error = NULL, owner = NULL, lease_until = NULL,
         cancel_requested = 0, updated_at = excluded.updated_at
       WHERE jobs.state IN ('failed', 'cancelled')`,
    ),
    // A job whose owner died while it was being cancelled is cancelled for good.
    endCancelled: db.prepare(
      `UPDATE jobs SET state = 'cancelled', updated_at = @now
       WHERE state = 'running' AND cancel_requested = 1 AND lease_until <= @now`,
    ),
    next: db.prepare(
      `SELECT * FROM jobs AS j
       WHERE j.kind IN (SELECT value FROM json_each(@kinds))
         AND ((j.state = 'queued' AND j.run_after <= @now)
           OR (j.state = 'running' AND j.cancel_requested = 0 AND j.lease_until <= @now
               AND j.owner IS NOT @owner))
         AND (j.group_key IS NULL OR NOT EXISTS (
           SELECT 1 FROM jobs AS r
           WHERE r.kind = j.kind AND r.group_key = j.group_key AND r.state = 'running' AND r.id != j.id
             AND (r.lease_until > @now OR r.owner = @owner)))
       ORDER BY j.run_after, j.id LIMIT 1`,
    ),
    lease: db.prepare(
      `UPDATE jobs SET state = 'running', owner = @owner, lease_until = @leaseUntil,
         attempts = attempts + 1, updated_at = @now
       WHERE id = @id`,
    ),
    byId: db.prepare("SELECT * FROM jobs WHERE id = ?"),
    byKey: db.prepare("SELECT * FROM jobs WHERE key = ?"),
    extend: db.prepare("UPDATE jobs SET lease_until = ?, updated_at = ? WHERE id = ?"),
    complete: db.prepare(
      `UPDATE jobs SET state = 'done', lease_until = NULL, updated_at = ?
       WHERE id = ? AND owner = ? AND state = 'running'`,
    ),
    retry: db.prepare(
      "UPDATE jobs SET state = 'queued', last_error = ?, run_after = ?, lease_until = NULL, updated_at = ? WHERE id = ?",
    ),
    failForGood: db.prepare(
      "UPDATE jobs SET state = 'failed', last_error = ?, lease_until = NULL, updated_at = ? WHERE id = ?",
    ),
    endCancelledOne: db.prepare(
      "UPDATE jobs SET state = 'cancelled', lease_until = NULL, updated_at = ? WHERE id = ?",
    ),
    cancelQueued: db.prepare(
      `UPDATE jobs SET state = 'cancelled', last_error = @reason, updated_at = @now
       WHERE kind = @kind AND state = 'queued'
         AND (@prefix IS NULL OR substr(key, 1, length(@prefix)) = @prefix)
         AND (@group IS NULL OR group_key = @group)`,
    ),
    cancelRunning: db.prepare(
      `UPDATE jobs SET cancel_requested = 1, last_error = @reason, updated_at = @now
       WHERE kind = @kind AND state = 'running' AND cancel_requested = 0
         AND (@prefix IS NULL OR substr(key, 1, length(@prefix)) = @prefix)
         AND (@group IS NULL OR group_key = @group)`,
    ),
    retryFailed: db.prepare(
      `UPDATE jobs SET state = 'queued', attempts = 0, last_error = NULL, run_after = ?, owner = NULL,
         lease_until = NULL, cancel_requested = 0, updated_at = ?
       WHERE kind = ? AND state = 'failed' AND substr(key, 1, ?) = ?`,
    ),
    pending: db.prepare("SELECT * FROM jobs WHERE state IN ('queued', 'running') ORDER BY run_after, id"),
  };

  const claim = db.transaction(
    (kinds: string, owner: string, now: string, leaseUntil: string): Job | undefined => {
      q.endCancelled.run({ now });
      const row = q.next.get({ kinds, owner, now }) as JobRow | undefined;
      if (!row) return undefined;
      q.lease.run({ id: row.id, owner, leaseUntil, now });
      return toJob({ ...row, state: "running", owner, lease_until: leaseUntil, attempts: row.attempts + 1 });
    },
  );
  /** The job's row if `owner` holds it (it runs under their lease), else undefined. */
  const held = (id: number, owner: string): JobRow | undefined => {
    const row = q.byId.get(id) as JobRow | undefined;
    return row && row.state === "running" && row.owner === owner ? row : undefined;
  };
  const heartbeat = db.transaction(
    (id: number, owner: string, now: string, leaseUntil: string): HeartbeatResult => {
      const row = held(id, owner);
      if (!row) return "lost";
      q.extend.run(leaseUntil, now, id);
      return row.cancel_requested ? "cancelled" : "ok";
    },
  );
  const fail = db.transaction(
    (id: number, owner: string, error: string, now: string, retryAt: string | undefined): boolean => {
      const row = held(id, owner);
      if (!row) return false;
      if (row.cancel_requested) q.endCancelledOne.run(now, id);
      else if (retryAt) q.retry.run(error, retryAt, now, id);
      else q.failForGood.run(error, now, id);
      return true;
    },
  );
  const cancel = db.transaction((params: Record<string, string | null>): number => {
    return q.cancelQueued.run(params).changes + q.cancelRunning.run(params).changes;
  });
  const plus = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

  return {
    async enqueue(job, now) {
      const at = now.toISOString();
      return (
        q.enqueue.run({
          kind: job.kind,
          version: job.version,
          key: job.key,
          payload: JSON.stringify(job.payload),
          group: job.group ?? null,
          runAfter: job.runAfter.toISOString(),
          now: at,
        }).changes === 1
      );
    },
    async claim(kinds, owner, now, leaseMs) {
      if (kinds.length === 0) return undefined;
      return claim(JSON.stringify(kinds), owner, now.toISOString(), plus(now, leaseMs));
    },
    async heartbeat(id, owner, now, leaseMs) {
      return heartbeat(id, owner, now.toISOString(), plus(now, leaseMs));
    },
    async complete(id, owner, now) {
      return q.complete.run(now.toISOString(), id, owner).changes === 1;
    },
    async fail(id, owner, error, now, retryAt) {
      return fail(id, owner, error, now.toISOString(), retryAt?.toISOString());
    },
    async cancel(selector, reason, now) {
      return cancel({
        kind: selector.kind,
        prefix: selector.keyPrefix ?? null,
        group: selector.group ?? null,
        reason,
        now: now.toISOString(),
      });
    },
    async retryFailed(kind, keyPrefix, now) {
      const at = now.toISOString();
      return q.retryFailed.run(at, at, kind, keyPrefix.length, keyPrefix).changes;
    },
    async pending() {
      return (q.pending.all() as JobRow[]).map(toJob);
    },
    async get(key) {
      const row = q.byKey.get(key) as JobRow | undefined;
      return row ? toJob(row) : undefined;
    },
  };
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    key: row.key,
    payload: JSON.parse(row.payload) as unknown,
    ...(row.group_key === null ? {} : { group: row.group_key }),
    state: row.state,
    ...(row.owner === null ? {} : { owner: row.owner }),
    ...(row.lease_until === null ? {} : { leaseUntil: row.lease_until }),
    attempts: row.attempts,
    runAfter: row.run_after,
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
  };
}
