import type { CheckAnnotation } from "../domain/render/check-annotation.js";
import type { RepositoryRef } from "./repository-ref.js";

export interface CheckOutput {
  readonly title: string;
  readonly summary: string;
  /** Markdown shown below the summary. */
  readonly text?: string;
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

/** How a completed check run ended. */
export type CheckConclusion = "success" | "failure" | "neutral" | "cancelled" | "skipped" | "action_required";

export interface CheckRunUpdate {
  readonly output: CheckOutput;
  /** Set to complete the check run. */
  readonly conclusion?: CheckConclusion;
}

/** Check runs on commits (GitHub Checks API). Use cases publish through `use-cases/publish-check-run.ts`. */
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
