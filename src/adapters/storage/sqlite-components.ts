import type Database from "better-sqlite3";
import type { ComponentRecord, ComponentStore } from "../../ports/store.js";

interface ComponentRow {
  repository: string;
  installation_id: number;
  evidence: string;
  level: number;
  updated_at: string;
  version: number;
}

/** Components over SQLite: evidence with a version for compare-and-set, published outputs in their own table. */
export function sqliteComponents(db: Database.Database): ComponentStore {
  const q = {
    get: db.prepare("SELECT * FROM components WHERE repository = ?"),
    insert: db.prepare(
      `INSERT INTO components (repository, installation_id, evidence, level, updated_at, version)
       VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (repository) DO NOTHING`,
    ),
    update: db.prepare(
      `UPDATE components SET installation_id = ?, evidence = ?, level = ?, updated_at = ?, version = version + 1
       WHERE repository = ? AND version = ?`,
    ),
    list: db.prepare("SELECT * FROM components ORDER BY repository"),
    getOutputs: db.prepare("SELECT outputs FROM component_outputs WHERE repository = ?"),
    setOutputs: db.prepare(
      `INSERT INTO component_outputs (repository, outputs, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (repository) DO UPDATE SET outputs = excluded.outputs, updated_at = excluded.updated_at`,
    ),
  };
  return {
    async get(repository) {
      const row = q.get.get(repository) as ComponentRow | undefined;
      return row ? toComponent(row) : undefined;
    },
    async compareAndSet(record, expectedVersion) {
      const evidence = JSON.stringify(record.evidence);
      const changes =
        expectedVersion === 0
          ? q.insert.run(record.repository, record.installationId, evidence, record.level, record.updatedAt)
              .changes
          : q.update.run(
              record.installationId,
              evidence,
              record.level,
              record.updatedAt,
              record.repository,
              expectedVersion,
            ).changes;
      return changes === 1 ? { ...record, version: expectedVersion + 1 } : undefined;
    },
    async list() {
      return (q.list.all() as ComponentRow[]).map(toComponent);
    },
    async getOutputs(repository) {
      const row = q.getOutputs.get(repository) as { outputs: string } | undefined;
      return row ? (JSON.parse(row.outputs) as unknown) : undefined;
    },
    async setOutputs(repository, outputs, now) {
      q.setOutputs.run(repository, JSON.stringify(outputs), now.toISOString());
    },
  };
}

function toComponent(row: ComponentRow): ComponentRecord {
  return {
    repository: row.repository,
    installationId: row.installation_id,
    evidence: JSON.parse(row.evidence) as unknown,
    level: row.level,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
