import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Store } from "../../ports/store.js";
import { MIGRATIONS } from "./migrations.js";
import { sqliteAudit } from "./sqlite-audit.js";
import { sqliteComponents } from "./sqlite-components.js";
import { sqliteDeliveries } from "./sqlite-deliveries.js";
import { sqliteJobs } from "./sqlite-jobs.js";
import { sqliteWrites } from "./sqlite-writes.js";

/**
 * The embedded store: one SQLite file (created with its folder on first start), WAL
 * journal, migrations applied at open. Jobs a crash left running keep their lease: they
 * are taken again once it expires, by this process or a peer.
 */
export function openSqliteStore(path: string): Store {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return {
    deliveries: sqliteDeliveries(db),
    components: sqliteComponents(db),
    jobs: sqliteJobs(db),
    writes: sqliteWrites(db),
    audit: sqliteAudit(db),
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
