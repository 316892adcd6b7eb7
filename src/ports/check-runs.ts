import type { CheckAnnotation } from "../domain/render/check-annotation.js";
import type { RepositoryRef } from "./repository-ref.js";

export interface CheckOutput {
  readonly title: string;
  readonly summary: string;
  readonly annotations?: readonly CheckAnnotation[];
}

export interface ExistingCheckRun {
  readonly id: number;
  readonly status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
}

export interface CheckRunStart {
  readonly name: string;
  readonly headSha: string;
  readonly externalId: string;
  readonly detailsUrl?: string;
  readonly output: CheckOutput;
}

export interface CheckRunUpdate {
  readonly output: CheckOutput;
  /** Set to complete the check run. */
  readonly conclusion?: "success" | "failure" | "neutral" | "cancelled" | "skipped" | "action_required";
}

/** Check runs on commits (GitHub Checks API). */
export interface CheckRuns {
  /** The check run of that name on the commit whose external id matches, if one exists. */
  find(
    repo: RepositoryRef,
    headSha: string,
    name: string,
    externalId: string,
  ): Promise<ExistingCheckRun | undefined>;
  /** Creates an in-progress check run. */
  start(repo: RepositoryRef, run: CheckRunStart): Promise<number>;
  update(repo: RepositoryRef, id: number, update: CheckRunUpdate): Promise<void>;
}
