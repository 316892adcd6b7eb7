import { readAwsSettings, type AwsSettings } from "./aws-settings.js";
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
  /** Region and ECR endpoint from the environment (credentials come from the SDK's chain). */
  readonly aws: AwsSettings;
  /** The largest webhook body read; a longer one is refused with 413 before it is verified or parsed. */
  readonly webhookMaxBytes: number;
  /**
   * How long a claimed job stays this process's without a heartbeat (heartbeats go every
   * third of it). After a crash, its jobs are taken again once it has run out.
   */
  readonly jobLeaseMs: number;
}

/** 32 MiB: above GitHub's 25 MB payload cap, so no real delivery is refused. */
export const DEFAULT_WEBHOOK_MAX_BYTES = 32 * 1024 * 1024;
const MIN_WEBHOOK_MAX_BYTES = 64 * 1024;
const MAX_WEBHOOK_MAX_BYTES = 1024 * 1024 * 1024;
const SIZE_UNITS: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** The webhook body cap, as digits with an optional unit (`33554432`, `32MiB`, `30MB`). */
function webhookMaxBytes(env: NodeJS.ProcessEnv): number {
  const name = "SOFIE_WEBHOOK_MAX_BYTES";
  const raw = env[name]?.trim();
  if (!raw) return DEFAULT_WEBHOOK_MAX_BYTES;
  const match = /^(\d+)\s*([a-z]*)$/i.exec(raw);
  const unit = match ? SIZE_UNITS[(match[2] ?? "").toLowerCase()] : undefined;
  const value = match && unit !== undefined ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(value) || value < MIN_WEBHOOK_MAX_BYTES || value > MAX_WEBHOOK_MAX_BYTES) {
    throw new Error(
      `${name} must be a size from 64KiB to 1GiB, in bytes or with a unit (KiB, MiB, GiB, KB, MB, GB), ` +
        `not "${raw}" (default 32MiB = ${DEFAULT_WEBHOOK_MAX_BYTES} bytes; GitHub sends up to 25 MB)`,
    );
  }
  return value;
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
    aws: readAwsSettings(env),
    webhookMaxBytes: webhookMaxBytes(env),
    jobLeaseMs: integerIn(env, "SOFIE_JOB_LEASE_SECONDS", LEASE_SECONDS) * 1000,
  };
}
