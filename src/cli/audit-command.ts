import { existsSync } from "node:fs";
import { openSqliteStore } from "../adapters/storage/open-sqlite-store.js";
import { readEnv } from "../config/env.js";
import { EXIT, type CliIo } from "./cli-io.js";

/**
 * `sofie-bot audit [--repo owner/name] [--json]`: the audit log of commands and promotions
 * from the store (`SOFIE_DATABASE`): who, what, when, outcome and digests.
 */
export async function runAuditCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let repository: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") json = true;
    else if (arg === "--repo" && args[i + 1] && /^[\w.-]+\/[\w.-]+$/.test(args[i + 1] as string))
      repository = args[++i];
    else if (arg === "--help" || arg === "-h") {
      io.stdout(
        "usage: sofie-bot audit [--repo owner/name] [--json]\n\nPrints the audit log kept in SOFIE_DATABASE.\n",
      );
      return EXIT.ok;
    } else {
      io.stderr(
        `sofie-bot audit: ${arg === "--repo" ? "--repo needs owner/name" : `unknown argument ${arg}`}\n`,
      );
      return EXIT.usage;
    }
  }
  const { database } = readEnv(env);
  if (database !== ":memory:" && !existsSync(database)) {
    io.stderr(`sofie-bot: no database at ${database}; set SOFIE_DATABASE to the app's store\n`);
    return EXIT.input;
  }
  const store = openSqliteStore(database);
  try {
    const entries = await store.audit.list(repository ? { repository } : undefined);
    if (json) {
      io.stdout(`${JSON.stringify({ entries })}\n`);
    } else if (entries.length === 0) {
      io.stdout("no audit entries\n");
    } else {
      for (const e of entries) {
        const digests = (e.details as { digests?: Record<string, string> } | undefined)?.digests;
        const extra = digests
          ? ` ${Object.entries(digests)
              .map(([n, d]) => `${n}@${d}`)
              .join(" ")}`
          : "";
        io.stdout(`${e.at} ${e.repository} @${e.actor} ${e.command} → ${e.outcome}${extra}\n`);
      }
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
