import { readCiRegistryConfig, type CiRegistryConfig } from "./ci-registry-config.js";

/** The settings the app takes from its environment (Probot reads its own: APP_ID, PRIVATE_KEY, …). */
export interface AppEnv {
  /** SQLite file of the embedded store. */
  readonly database: string;
  /** Whether to run the background job loop (off in tests that drive it themselves). */
  readonly runJobs: boolean;
  /** The CI registries promotions read images from, and their credentials. */
  readonly ciRegistry: CiRegistryConfig;
  /** Content-creating requests to GitHub allowed per installation (GitHub's secondary limits; GHES may differ). */
  readonly githubWrites: { readonly perMinute: number; readonly perHour: number };
  /**
   * How long a claimed job stays this process's without a heartbeat (heartbeats go every
   * third of it). After a crash, its jobs are taken again once it has run out.
   */
  readonly jobLeaseMs: number;
}

/** Bounds of SOFIE_JOB_LEASE_SECONDS: a heartbeat at least every second, a crashed job resumed within the hour. */
const LEASE_SECONDS = { min: 3, max: 3600, fallback: 30 };

function integerIn(env: NodeJS.ProcessEnv, name: string, bounds: typeof LEASE_SECONDS): number {
  const raw = env[name]?.trim();
  if (!raw) return bounds.fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max)
    throw new Error(
      `${name} must be a whole number of seconds from ${bounds.min} to ${bounds.max}, not "${raw}" (default ${bounds.fallback})`,
    );
  return value;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of at least 1, not "${raw}" (default ${fallback})`);
  return value;
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
    githubWrites: {
      perMinute: positiveInteger(env, "SOFIE_GITHUB_WRITES_PER_MINUTE", 80),
      perHour: positiveInteger(env, "SOFIE_GITHUB_WRITES_PER_HOUR", 500),
    },
    jobLeaseMs: integerIn(env, "SOFIE_JOB_LEASE_SECONDS", LEASE_SECONDS) * 1000,
  };
}
