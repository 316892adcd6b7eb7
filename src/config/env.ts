/** The settings the app takes from its environment (Probot reads its own: APP_ID, PRIVATE_KEY, …). */
export interface AppEnv {
  /** SQLite file of the embedded store. */
  readonly database: string;
  /** Whether to run the background job loop (off in tests that drive it themselves). */
  readonly runJobs: boolean;
}

/** Reads the app's settings; throws a message that names the variable and the fix. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): AppEnv {
  const database = env.SOFIE_DATABASE?.trim() || "./data/sofie.sqlite";
  const runJobs = (env.SOFIE_RUN_JOBS ?? "true").toLowerCase();
  if (!["true", "false", "1", "0"].includes(runJobs)) {
    throw new Error(`SOFIE_RUN_JOBS must be true or false, not "${env.SOFIE_RUN_JOBS}"`);
  }
  return { database, runJobs: runJobs === "true" || runJobs === "1" };
}
