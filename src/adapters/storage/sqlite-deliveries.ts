import type Database from "better-sqlite3";
import type { DeliveryLog } from "../../ports/store.js";

/** The log of webhook deliveries handled, over SQLite. */
export function sqliteDeliveries(db: Database.Database): DeliveryLog {
  const q = {
    claim: db.prepare(
      `INSERT INTO deliveries (id, event, claimed_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET claimed_at = excluded.claimed_at
       WHERE deliveries.completed_at IS NULL AND deliveries.claimed_at < ?`,
    ),
    complete: db.prepare("UPDATE deliveries SET completed_at = ? WHERE id = ?"),
    release: db.prepare("DELETE FROM deliveries WHERE id = ? AND completed_at IS NULL"),
  };
  return {
    async claim(id, event, now, staleAfterMs) {
      const stale = new Date(now.getTime() - staleAfterMs).toISOString();
      return q.claim.run(id, event, now.toISOString(), stale).changes === 1;
    },
    async complete(id, now) {
      q.complete.run(now.toISOString(), id);
    },
    async release(id) {
      q.release.run(id);
    },
  };
}
