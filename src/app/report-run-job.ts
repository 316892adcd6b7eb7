import { installationDeps } from "./installation-deps.js";
import { defineJobKind, type JobContext } from "../use-cases/job-kind.js";
import {
  recordWorkflowRun,
  REPORT_RUN_JOB_TYPE,
  type WorkflowRunPayload,
} from "../use-cases/record-workflow-run.js";
import type { Services } from "./services.js";

/** Reading an artifact can take a while: two runs at a time, so one big artifact holds up nothing else. */
export const REPORT_RUN_CONCURRENCY = 2;

/** Reads one completed run's test results (`recordWorkflowRun`) with the installation's own token. */
export function reportRunJob(services: Services) {
  return defineJobKind({
    ...REPORT_RUN_JOB_TYPE,
    concurrency: REPORT_RUN_CONCURRENCY,
    run: report(services),
  });
}

function report(services: Services) {
  return async (payload: WorkflowRunPayload, { isFinal }: JobContext): Promise<void> => {
    const outcome = await recordWorkflowRun(
      {
        ...(await installationDeps(services, payload.installationId)),
        ciRegistryHosts: services.env.ciRegistry.hosts,
      },
      { ...payload, run: { ...payload.run, isFinal } },
    );
    if (outcome.status === "reported") services.metrics.testReports.inc({ conclusion: outcome.conclusion });
    services.probot.log.info(
      { outcome: outcome.status === "reported" ? outcome.title : outcome.reason, runId: payload.run.id },
      "workflow run reported",
    );
  };
}
