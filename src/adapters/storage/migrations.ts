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
];
