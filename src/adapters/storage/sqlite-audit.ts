import type Database from "better-sqlite3";
import type { AuditEntry, AuditLog } from "../../ports/store.js";

interface AuditRow {
  at: string;
  repository: string;
  actor: string;
  command: string;
  outcome: string;
  message: string;
  details: string | null;
}

/** The audit log over SQLite; a keyed entry is written at most once. */
export function sqliteAudit(db: Database.Database): AuditLog {
  const q = {
    append: db.prepare(
      `INSERT INTO audit (at, repository, actor, command, outcome, message, details, key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) WHERE key IS NOT NULL DO NOTHING`,
    ),
    list: db.prepare("SELECT * FROM audit ORDER BY id"),
    listFor: db.prepare("SELECT * FROM audit WHERE repository = ? ORDER BY id"),
  };
  return {
    async append(entry, key) {
      return (
        q.append.run(
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
      const rows = (filter?.repository ? q.listFor.all(filter.repository) : q.list.all()) as AuditRow[];
      return rows.map(toAudit);
    },
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
