/**
 * Versioned schema migrations, applied in order; `PRAGMA user_version` records the last
 * one applied. Never edit a released migration: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE deliveries (
     id TEXT PRIMARY KEY,
     event TEXT NOT NULL,
     claimed_at TEXT NOT NULL,
     completed_at TEXT
   );
   CREATE TABLE components (
     repository TEXT PRIMARY KEY,
     installation_id INTEGER NOT NULL,
     evidence TEXT NOT NULL,
     level INTEGER NOT NULL,
     outputs TEXT NOT NULL DEFAULT '{}',
     updated_at TEXT NOT NULL
   );
   CREATE TABLE jobs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     kind TEXT NOT NULL,
     key TEXT NOT NULL UNIQUE,
     payload TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     run_after TEXT NOT NULL,
     last_error TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX jobs_due ON jobs (state, run_after, id);
   CREATE TABLE write_log (
     bucket TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX write_log_bucket_at ON write_log (bucket, at);
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     repository TEXT NOT NULL,
     actor TEXT NOT NULL,
     command TEXT NOT NULL,
     outcome TEXT NOT NULL,
     message TEXT NOT NULL DEFAULT '',
     details TEXT
   );
   CREATE INDEX audit_repository ON audit (repository, id);`,
  // 2: a pause of a write bucket (GitHub answered a secondary rate limit), kept across restarts.
  `CREATE TABLE pauses (
     bucket TEXT PRIMARY KEY,
     until TEXT NOT NULL
   );`,
  // 3: components get a version for compare-and-set; what was published to GitHub moves to
  // its own table (publishing never races an evidence write); audit entries may carry a key
  // written at most once.
  `ALTER TABLE components ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
   CREATE TABLE component_outputs (
     repository TEXT PRIMARY KEY,
     outputs TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   INSERT INTO component_outputs (repository, outputs, updated_at)
     SELECT repository, outputs, updated_at FROM components;
   ALTER TABLE components DROP COLUMN outputs;
   ALTER TABLE audit ADD COLUMN key TEXT;
   CREATE UNIQUE INDEX audit_key ON audit (key) WHERE key IS NOT NULL;`,
  // 4: jobs get leases (owner, lease_until) instead of being re-queued at open, a payload
  // version, a group (cancelling a component's jobs, one job of a kind per group at a time)
  // and cancellation. The state check gains 'cancelled', so the table is rebuilt; a job an
  // older release left running is queued again, as that release did at open.
  `CREATE TABLE jobs_v4 (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     kind TEXT NOT NULL,
     version INTEGER NOT NULL DEFAULT 1,
     key TEXT NOT NULL UNIQUE,
     payload TEXT NOT NULL,
     group_key TEXT,
     state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
     owner TEXT,
     lease_until TEXT,
     cancel_requested INTEGER NOT NULL DEFAULT 0,
     attempts INTEGER NOT NULL DEFAULT 0,
     run_after TEXT NOT NULL,
     last_error TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   INSERT INTO jobs_v4 (id, kind, version, key, payload, group_key, state, attempts, run_after, last_error,
       created_at, updated_at)
     SELECT id, kind, 1, key, payload,
       CASE WHEN kind IN ('promote', 'onboard') AND instr(substr(key, instr(key, ':') + 1), ':') > 0
         THEN substr(key, instr(key, ':') + 1, instr(substr(key, instr(key, ':') + 1), ':') - 1) END,
       CASE state WHEN 'running' THEN 'queued' ELSE state END,
       attempts, run_after, last_error, created_at, updated_at
     FROM jobs;
   DROP TABLE jobs;
   ALTER TABLE jobs_v4 RENAME TO jobs;
   CREATE INDEX jobs_due ON jobs (state, kind, run_after, id);
   CREATE INDEX jobs_group ON jobs (kind, group_key, state);`,
];
