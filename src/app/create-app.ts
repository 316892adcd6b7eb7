import type { ApplicationFunction, Context } from "probot";
import { openSqliteStore } from "../adapters/storage/open-sqlite-store.js";
import { readEnv, type AppEnv } from "../config/env.js";
import { systemClock, type Clock } from "../ports/clock.js";
import type { Store } from "../ports/store.js";
import { createJobRunner, type JobRunner } from "../use-cases/job-runner.js";
import type { WritePacer } from "../ports/write-pacer.js";
import { createWritePacer } from "../use-cases/write-pacer.js";
import { handledOnce } from "./handled-once.js";
import { createHealthHandler } from "./health-handler.js";
import { guardProbotWebhooks } from "./guard-probot-webhooks.js";
import { createMetrics } from "./metrics.js";
import { onInstallation } from "./on-installation.js";
import { ONBOARD_JOB, SYNC_INSTALLATION_JOB } from "../use-cases/sync-installation.js";
import { SYNC_APP_JOB, syncAppJob, syncInstallationJob } from "./sync-jobs.js";
import { onIssueComment } from "./on-issue-comment.js";
import { onPullRequest } from "./on-pull-request.js";
import { onPush } from "./on-push.js";
import { onWorkflowRunCompleted } from "./on-workflow-run-completed.js";
import { onboardJob } from "./onboard-job.js";
import { promoteJob } from "./promote-job.js";
import { publishJob } from "./publish-job.js";
import { reportRunJob } from "./report-run-job.js";
import { REPORT_RUN_JOB } from "../use-cases/record-workflow-run.js";
import { PUBLISH_JOB } from "../use-cases/publish-component.js";
import { PROMOTE_JOB } from "../use-cases/request-promotion.js";
import type { Services } from "./services.js";

export interface AppOverrides {
  readonly env?: AppEnv;
  readonly store?: Store;
  readonly clock?: Clock;
  /** Receives the job runner, so tests can drain it themselves. */
  readonly onRunner?: (runner: JobRunner) => void;
}

/**
 * Builds the Probot app: the shared services (store, clock, pacer, metrics), the webhook
 * body guard, the HTTP handlers, one handler per event (each handling a delivery once) and the job loop.
 */
export function createApp(overrides: AppOverrides = {}): ApplicationFunction {
  return (probot, options) => {
    const env = overrides.env ?? readEnv();
    const store = overrides.store ?? openSqliteStore(env.database);
    const clock = overrides.clock ?? systemClock;
    const metrics = createMetrics();
    const services: Services = {
      probot,
      env,
      store,
      clock,
      pacerFor: installationPacers(store, clock, env),
      metrics,
    };
    // Before Probot's server asks for its webhook middleware: bodies are capped and verified first.
    guardProbotWebhooks(probot, env.webhookMaxBytes, process.env);
    const once = <C extends Context>(name: string, handler: (context: C) => Promise<void>) =>
      handledOnce<C>(store.deliveries, name, handler);

    options?.addHandler?.(
      createHealthHandler([
        async () => {
          try {
            await store.components.get("readyz/probe");
            return undefined;
          } catch (error) {
            return `the store cannot be read: ${(error as Error).message}`;
          }
        },
      ]),
    );
    options?.addHandler?.(metrics.handler);

    probot.on(
      ["installation.created", "installation_repositories.added"],
      once("installation", onInstallation(services)),
    );
    probot.on("push", once("push", onPush(services)));
    probot.on("workflow_run.completed", once("workflow_run", onWorkflowRunCompleted(services)));
    probot.on(
      ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"],
      once("pull_request", onPullRequest(services)),
    );
    probot.on("issue_comment.created", once("issue_comment", onIssueComment(services)));

    const runner = createJobRunner(
      store.jobs,
      {
        [ONBOARD_JOB]: onboardJob(services),
        [PROMOTE_JOB]: promoteJob(services),
        [PUBLISH_JOB]: publishJob(services),
        [REPORT_RUN_JOB]: reportRunJob(services),
        [SYNC_INSTALLATION_JOB]: syncInstallationJob(services),
        [SYNC_APP_JOB]: syncAppJob(services),
      },
      clock,
      probot.log,
    );
    overrides.onRunner?.(runner);
    if (env.runJobs) {
      // Catch up on installations and repositories whose deliveries were missed while the app was down.
      void store.jobs
        .enqueue({
          kind: SYNC_APP_JOB,
          key: `sync-app:${clock.now().toISOString()}`,
          payload: {},
          runAfter: clock.now(),
        })
        .catch((error: unknown) => probot.log.warn({ err: String(error) }, "start-up sync not queued"))
        .finally(() => runner.start());
    }
  };
}

/** One pacer per installation, made on first use; each has its own write log bucket and pause. */
function installationPacers(store: Store, clock: Clock, env: AppEnv): (installationId: number) => WritePacer {
  const pacers = new Map<number, WritePacer>();
  const budgets = [
    { limit: env.githubWrites.perMinute, windowMs: 60_000 },
    { limit: env.githubWrites.perHour, windowMs: 3_600_000 },
  ];
  return (installationId) => {
    let pacer = pacers.get(installationId);
    if (!pacer) {
      pacer = createWritePacer(store.jobs, clock, { budgets, bucket: `github-content:${installationId}` });
      pacers.set(installationId, pacer);
    }
    return pacer;
  };
}
