import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { AuditEntry, Job, Store } from "../../ports/store.js";
import { MIGRATIONS } from "./migrations.js";
import { sqliteComponents } from "./sqlite-components.js";

/**
 * The embedded store: one SQLite file (created with its folder on first start), WAL
 * journal, migrations applied at open. Jobs a crash left running are queued again.
 */
export function openSqliteStore(path: string): Store {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  db.prepare("UPDATE jobs SET state = 'queued' WHERE state = 'running'").run();

  const q = {
    claimDelivery: db.prepare(
      `INSERT INTO deliveries (id, event, claimed_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET claimed_at = excluded.claimed_at
       WHERE deliveries.completed_at IS NULL AND deliveries.claimed_at < ?`,
    ),
    completeDelivery: db.prepare("UPDATE deliveries SET completed_at = ? WHERE id = ?"),
    releaseDelivery: db.prepare("DELETE FROM deliveries WHERE id = ? AND completed_at IS NULL"),
    enqueue: db.prepare(
      `INSERT INTO jobs (kind, key, payload, state, run_after, created_at, updated_at)
       VALUES (?, ?, ?, 'queued', ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET state = 'queued', attempts = 0, payload = excluded.payload,
         run_after = excluded.run_after, last_error = NULL, updated_at = excluded.updated_at
       WHERE jobs.state = 'failed'`,
    ),
    nextJob: db.prepare(
      "SELECT * FROM jobs WHERE state = 'queued' AND run_after <= ? ORDER BY run_after, id LIMIT 1",
    ),
    markRunning: db.prepare(
      "UPDATE jobs SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?",
    ),
    completeJob: db.prepare("UPDATE jobs SET state = 'done', updated_at = ? WHERE id = ?"),
    retryJob: db.prepare(
      "UPDATE jobs SET state = 'queued', last_error = ?, run_after = ?, updated_at = ? WHERE id = ?",
    ),
    failJob: db.prepare("UPDATE jobs SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?"),
    retryFailed: db.prepare(
      `UPDATE jobs SET state = 'queued', attempts = 0, last_error = NULL, run_after = ?, updated_at = ?
       WHERE kind = ? AND state = 'failed' AND substr(key, 1, ?) = ?`,
    ),
    pendingJobs: db.prepare("SELECT * FROM jobs WHERE state IN ('queued', 'running') ORDER BY run_after, id"),
    recordWrite: db.prepare("INSERT INTO write_log (bucket, at) VALUES (?, ?)"),
    countWrites: db.prepare("SELECT COUNT(*) AS n FROM write_log WHERE bucket = ? AND at > ?"),
    oldestWrite: db.prepare("SELECT MIN(at) AS at FROM write_log WHERE bucket = ? AND at > ?"),
    pruneWrites: db.prepare("DELETE FROM write_log WHERE at < ?"),
    pauseWrites: db.prepare(
      `INSERT INTO pauses (bucket, until) VALUES (?, ?)
       ON CONFLICT (bucket) DO UPDATE SET until = excluded.until WHERE excluded.until > pauses.until`,
    ),
    pausedUntil: db.prepare("SELECT until FROM pauses WHERE bucket = ?"),
    appendAudit: db.prepare(
      `INSERT INTO audit (at, repository, actor, command, outcome, message, details, key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) WHERE key IS NOT NULL DO NOTHING`,
    ),
    listAudit: db.prepare("SELECT * FROM audit ORDER BY id"),
    listAuditFor: db.prepare("SELECT * FROM audit WHERE repository = ? ORDER BY id"),
  };

  const claimJob = db.transaction((now: string): Job | undefined => {
    const row = q.nextJob.get(now) as JobRow | undefined;
    if (!row) return undefined;
    q.markRunning.run(now, row.id);
    return toJob({ ...row, attempts: row.attempts + 1 });
  });

  return {
    deliveries: {
      async claim(id, event, now, staleAfterMs) {
        const stale = new Date(now.getTime() - staleAfterMs).toISOString();
        return q.claimDelivery.run(id, event, now.toISOString(), stale).changes === 1;
      },
      async complete(id, now) {
        q.completeDelivery.run(now.toISOString(), id);
      },
      async release(id) {
        q.releaseDelivery.run(id);
      },
    },
    components: sqliteComponents(db),
    jobs: {
      async enqueue(job) {
        const now = new Date().toISOString();
        return (
          q.enqueue.run(job.kind, job.key, JSON.stringify(job.payload), job.runAfter.toISOString(), now, now)
            .changes === 1
        );
      },
      async claimNext(now) {
        return claimJob(now.toISOString());
      },
      async complete(id, now) {
        q.completeJob.run(now.toISOString(), id);
      },
      async fail(id, error, now, retryAt) {
        if (retryAt) q.retryJob.run(error, retryAt.toISOString(), now.toISOString(), id);
        else q.failJob.run(error, now.toISOString(), id);
      },
      async retryFailed(kind, keyPrefix, now) {
        const at = now.toISOString();
        return q.retryFailed.run(at, at, kind, keyPrefix.length, keyPrefix).changes;
      },
      async pending() {
        return (q.pendingJobs.all() as JobRow[]).map(toJob);
      },
      async recordWrite(bucket, at) {
        q.recordWrite.run(bucket, at.toISOString());
        // Keep the log small: nothing older than a day is ever asked for.
        q.pruneWrites.run(new Date(at.getTime() - 86_400_000).toISOString());
      },
      async countWrites(bucket, since) {
        return (q.countWrites.get(bucket, since.toISOString()) as { n: number }).n;
      },
      async oldestWrite(bucket, since) {
        const row = q.oldestWrite.get(bucket, since.toISOString()) as { at: string | null };
        return row.at ? new Date(row.at) : undefined;
      },
      async pauseWrites(bucket, until) {
        q.pauseWrites.run(bucket, until.toISOString());
      },
      async writesPausedUntil(bucket) {
        const row = q.pausedUntil.get(bucket) as { until: string } | undefined;
        return row ? new Date(row.until) : undefined;
      },
    },
    audit: {
      async append(entry, key) {
        return (
          q.appendAudit.run(
            entry.at,
            entry.repository,
            entry.actor,
            entry.command,
            entry.outcome,
            entry.message ?? "",
            entry.details === undefined ? null : JSON.stringify(entry.details),
            key ?? null,
          ).changes === 1
        );
      },
      async list(filter) {
        const rows = (
          filter?.repository ? q.listAuditFor.all(filter.repository) : q.listAudit.all()
        ) as AuditRow[];
        return rows.map(toAudit);
      },
    },
    async close() {
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(
      `the database is at schema version ${version}, newer than this release knows (${MIGRATIONS.length}); run a newer release or restore a backup`,
    );
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next] as string);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
}

interface JobRow {
  id: number;
  kind: string;
  key: string;
  payload: string;
  attempts: number;
  run_after: string;
}
interface AuditRow {
  at: string;
  repository: string;
  actor: string;
  command: string;
  outcome: string;
  message: string;
  details: string | null;
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    payload: JSON.parse(row.payload) as unknown,
    attempts: row.attempts,
    runAfter: row.run_after,
  };
}

function toAudit(row: AuditRow): AuditEntry {
  return {
    at: row.at,
    repository: row.repository,
    actor: row.actor,
    command: row.command,
    outcome: row.outcome,
    ...(row.message ? { message: row.message } : {}),
    ...(row.details === null ? {} : { details: JSON.parse(row.details) as unknown }),
  };
}
