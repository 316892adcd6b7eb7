import type { Context } from "probot";
import { queueRunReport } from "../use-cases/record-workflow-run.js";
import type { Services } from "./services.js";

/**
 * `workflow_run.completed` → a report-run job: the delivery is answered at once, and the
 * job reads the results (past GitHub's 10 s delivery timeout for large artifacts).
 */
export function onWorkflowRunCompleted(services: Services) {
  return async (context: Context<"workflow_run.completed">): Promise<void> => {
    const run = context.payload.workflow_run;
    const installationId = context.payload.installation?.id;
    if (!installationId) return;
    const repo = context.repo();
    const queued = await queueRunReport(
      { jobs: services.store.jobs, clock: services.clock },
      {
        repository: `${repo.owner}/${repo.repo}`,
        installationId,
        run: {
          id: run.id,
          attempt: run.run_attempt ?? 1,
          headSha: run.head_sha,
          workflowPath: run.path,
          conclusion: run.conclusion,
          ...(run.html_url ? { htmlUrl: run.html_url } : {}),
          event: run.event,
          headBranch: run.head_branch,
          runNumber: run.run_number,
          updatedAt: run.updated_at,
        },
      },
    );
    services.metrics.webhooks.inc({
      event: "workflow_run.completed",
      outcome: queued ? "queued" : "duplicate",
    });
  };
}
