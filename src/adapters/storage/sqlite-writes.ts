import type Database from "better-sqlite3";
import type { WriteLog } from "../../ports/store.js";

/** The pacer's write log and pauses over SQLite. */
export function sqliteWrites(db: Database.Database): WriteLog {
  const q = {
    record: db.prepare("INSERT INTO write_log (bucket, at) VALUES (?, ?)"),
    count: db.prepare("SELECT COUNT(*) AS n FROM write_log WHERE bucket = ? AND at > ?"),
    oldest: db.prepare("SELECT MIN(at) AS at FROM write_log WHERE bucket = ? AND at > ?"),
    prune: db.prepare("DELETE FROM write_log WHERE at < ?"),
    pause: db.prepare(
      `INSERT INTO pauses (bucket, until) VALUES (?, ?)
       ON CONFLICT (bucket) DO UPDATE SET until = excluded.until WHERE excluded.until > pauses.until`,
    ),
    pausedUntil: db.prepare("SELECT until FROM pauses WHERE bucket = ?"),
  };
  return {
    async recordWrite(bucket, at) {
      q.record.run(bucket, at.toISOString());
      // Keep the log small: nothing older than a day is ever asked for.
      q.prune.run(new Date(at.getTime() - 86_400_000).toISOString());
    },
    async countWrites(bucket, since) {
      return (q.count.get(bucket, since.toISOString()) as { n: number }).n;
    },
    async oldestWrite(bucket, since) {
      const row = q.oldest.get(bucket, since.toISOString()) as { at: string | null };
      return row.at ? new Date(row.at) : undefined;
    },
    async pauseWrites(bucket, until) {
      q.pause.run(bucket, until.toISOString());
    },
    async writesPausedUntil(bucket) {
      const row = q.pausedUntil.get(bucket) as { until: string } | undefined;
      return row ? new Date(row.until) : undefined;
    },
  };
}
