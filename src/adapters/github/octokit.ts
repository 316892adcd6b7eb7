import type { ProbotOctokit } from "probot";

/** The authenticated client Probot hands to each event (an installation's Octokit). */
export type Octokit = InstanceType<typeof ProbotOctokit>;

/** True when Octokit threw for an HTTP status (404 and friends). */
export function hasStatus(error: unknown, status: number): boolean {
  return typeof error === "object" && error !== null && (error as { status?: unknown }).status === status;
}
