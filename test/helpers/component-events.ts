/**
 * The webhooks of a component's life on its watched branch, derived from real payloads
 * (`@octokit/webhooks-examples`): a push and a completed CI workflow run.
 */
import { deriveWebhook, exampleWebhook } from "./webhook-fixtures.js";

export interface EventTarget {
  readonly installation: { readonly id: number; readonly node_id: string };
  /** `{ name, full_name, owner: { login }, default_branch, … }` */
  readonly repository: object;
  readonly branch?: string;
}

/** A push of `sha` to the watched branch. */
export function pushEvent(target: EventTarget, sha: string) {
  return deriveWebhook(exampleWebhook("push"), {
    ref: `refs/heads/${target.branch ?? "main"}`,
    after: sha,
    deleted: false,
    installation: target.installation,
    repository: target.repository,
    head_commit: { id: sha, timestamp: "2026-11-25T12:00:00Z" },
  });
}

/** A completed run of the SOFIE CI workflow for a push of `sha`. */
export function workflowRunEvent(target: EventTarget, sha: string, runId: number, runNumber = runId) {
  return deriveWebhook(exampleWebhook("workflow_run", "completed"), {
    installation: target.installation,
    repository: target.repository,
    workflow_run: {
      id: runId,
      run_attempt: 1,
      run_number: runNumber,
      head_sha: sha,
      head_branch: target.branch ?? "main",
      event: "push",
      path: ".github/workflows/sofie-ci.yml",
      conclusion: "success",
      updated_at: "2026-11-25T12:10:00Z",
    },
  });
}
