import type { Context } from "probot";
import { createGitHubCheckRuns } from "../adapters/github/github-check-runs.js";
import { createGitHubCiArtifacts } from "../adapters/github/github-ci-artifacts.js";
import { createGitHubSourceReader } from "../adapters/github/github-source-reader.js";
import { reportTests } from "../use-cases/report-tests.js";
import { loadPolicy } from "./load-policy.js";
import type { Metrics } from "./metrics.js";

/** `workflow_run.completed` → the test-results check run on the run's head commit. */
export function onWorkflowRunCompleted(metrics: Metrics) {
  return async (context: Context<"workflow_run.completed">): Promise<void> => {
    const run = context.payload.workflow_run;
    const policy = await loadPolicy(context);
    const outcome = await reportTests(
      {
        source: createGitHubSourceReader(context.octokit),
        artifacts: createGitHubCiArtifacts(context.octokit),
        checks: createGitHubCheckRuns(context.octokit),
        checkName: policy.checks.tests,
      },
      context.repo(),
      {
        id: run.id,
        attempt: run.run_attempt ?? 1,
        headSha: run.head_sha,
        workflowPath: run.path,
        conclusion: run.conclusion,
        htmlUrl: run.html_url,
      },
    );
    metrics.webhooks.inc({ event: "workflow_run.completed", outcome: outcome.status });
    if (outcome.status === "reported") metrics.testReports.inc({ conclusion: outcome.conclusion });
    context.log.info({ outcome, runId: run.id }, "workflow_run.completed handled");
  };
}
