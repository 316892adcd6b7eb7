import { createGitHubPolicySource } from "../adapters/github/github-policy-source.js";
import type { Job } from "../ports/store.js";
import { DEFAULT_JOB_RUNNER_OPTIONS } from "../use-cases/job-runner.js";
import { recordWorkflowRun, type WorkflowRunPayload } from "../use-cases/record-workflow-run.js";
import { resolvePolicy } from "../use-cases/resolve-policy.js";
import { repositoryAdapters } from "./repository-adapters.js";
import type { Services } from "./services.js";

/** Reads one completed run's test results (`recordWorkflowRun`) with the installation's own token. */
export function reportRunJob(services: Services) {
  return async (job: Job): Promise<void> => {
    const payload = job.payload as WorkflowRunPayload;
    const octokit = await services.probot.auth(payload.installationId);
    const adapters = repositoryAdapters(octokit, services.pacerFor(payload.installationId));
    const policySource = createGitHubPolicySource(octokit);
    const outcome = await recordWorkflowRun(
      {
        ...adapters,
        components: services.store.components,
        jobs: services.store.jobs,
        clock: services.clock,
        policy: (repo) => resolvePolicy(policySource, repo, services.probot.log),
        ciRegistryHosts: services.env.ciRegistry.hosts,
      },
      {
        ...payload,
        run: { ...payload.run, isFinal: job.attempts >= DEFAULT_JOB_RUNNER_OPTIONS.maxAttempts },
      },
    );
    if (outcome.status === "reported") services.metrics.testReports.inc({ conclusion: outcome.conclusion });
    services.probot.log.info(
      { outcome: outcome.status === "reported" ? outcome.title : outcome.reason, runId: payload.run.id },
      "workflow run reported",
    );
  };
}
