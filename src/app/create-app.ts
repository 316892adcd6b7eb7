import type { ApplicationFunction, ApplicationFunctionOptions, Context, Probot } from "probot";
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
import { enqueueJob } from "../use-cases/job-kind.js";
import { jobOwnerId } from "./job-owner-id.js";
import { SYNC_APP_JOB_TYPE, syncAppJob, syncInstallationJob } from "./sync-jobs.js";
import { onIssueComment } from "./on-issue-comment.js";
import { onPullRequest } from "./on-pull-request.js";
import { onPush } from "./on-push.js";
import { onWorkflowRunCompleted } from "./on-workflow-run-completed.js";
import { onboardJob } from "./onboard-job.js";
import { promoteJob } from "./promote-job.js";
import { publishJob } from "./publish-job.js";
import { reportRunJob } from "./report-run-job.js";
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
    const services = buildServices(probot, overrides);
    // Before Probot's server asks for its webhook middleware: bodies are capped and verified first.
    guardProbotWebhooks(probot, services.env.webhookMaxBytes, process.env);
    addHttpHandlers(services, options?.addHandler);
    registerEventHandlers(probot, services);
    startJobs(services, overrides);
  };
}

function buildServices(probot: Probot, overrides: AppOverrides): Services {
  const env = overrides.env ?? readEnv();
  const store = overrides.store ?? openSqliteStore(env.database);
  const clock = overrides.clock ?? systemClock;
  return {
    probot,
    env,
    store,
    clock,
    pacerFor: installationPacers(store, clock, env),
    metrics: createMetrics(),
  };
}

/** /healthz, /readyz (the store answers) and /metrics. */
function addHttpHandlers(services: Services, addHandler: ApplicationFunctionOptions["addHandler"]): void {
  const storeReadable = async () => {
    try {
      await services.store.components.get("readyz/probe");
      return undefined;
    } catch (error) {
      return `the store cannot be read: ${(error as Error).message}`;
    }
  };
  addHandler?.(createHealthHandler([storeReadable]));
  addHandler?.(services.metrics.handler);
}

/** One handler per event, each handling a delivery once. */
function registerEventHandlers(probot: Probot, services: Services): void {
  const once = <C extends Context>(name: string, handler: (context: C) => Promise<void>) =>
    handledOnce<C>(services.store.deliveries, services.clock, name, handler);
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
}

/** The job loop, after a start-up sync is queued (deliveries missed while the app was down). */
function startJobs(services: Services, overrides: AppOverrides): void {
  const { store, clock, probot, env } = services;
  const runner = createJobRunner(
    store.jobs,
    [
      onboardJob(services),
      promoteJob(services),
      publishJob(services),
      reportRunJob(services),
      syncInstallationJob(services),
      syncAppJob(services),
    ],
    clock,
    probot.log,
    { leaseMs: env.jobLeaseMs, owner: jobOwnerId() },
  );
  overrides.onRunner?.(runner);
  if (!env.runJobs) return;
  void enqueueJob(store.jobs, SYNC_APP_JOB_TYPE, `sync-app:${clock.now().toISOString()}`, {}, clock)
    .catch((error: unknown) => probot.log.warn({ err: String(error) }, "start-up sync not queued"))
    .finally(() => runner.start());
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
      pacer = createWritePacer(store.writes, clock, { budgets, bucket: `github-content:${installationId}` });
      pacers.set(installationId, pacer);
    }
    return pacer;
  };
}
