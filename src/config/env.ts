import { readCiRegistryConfig, type CiRegistryConfig } from "./ci-registry-config.js";

/** The settings the app takes from its environment (Probot reads its own: APP_ID, PRIVATE_KEY, …). */
export interface AppEnv {
  /** SQLite file of the embedded store. */
  readonly database: string;
  /** Whether to run the background job loop (off in tests that drive it themselves). */
  readonly runJobs: boolean;
  /** The CI registries promotions read images from, and their credentials. */
  readonly ciRegistry: CiRegistryConfig;
}

/**
 * Reads the app's settings once, at start; throws a message that names the variable and
 * the fix, so a bad value stops the app before it serves a webhook.
 */
export function readEnv(env: NodeJS.ProcessEnv = process.env): AppEnv {
  const database = env.SOFIE_DATABASE?.trim() || "./data/sofie.sqlite";
  const runJobs = (env.SOFIE_RUN_JOBS ?? "true").toLowerCase();
  if (!["true", "false", "1", "0"].includes(runJobs)) {
    throw new Error(`SOFIE_RUN_JOBS must be true or false, not "${env.SOFIE_RUN_JOBS}"`);
  }
  return {
    database,
    runJobs: runJobs === "true" || runJobs === "1",
    ciRegistry: readCiRegistryConfig(env),
  };
}
