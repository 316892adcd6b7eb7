import type { ApplicationFunction } from "probot";
import { createHealthHandler } from "./app/health-handler.js";
import { createMetrics } from "./app/metrics.js";
import { onWorkflowRunCompleted } from "./app/on-workflow-run-completed.js";

/**
 * The Probot entry (`probot run ./lib/index.js`): registers the HTTP handlers and one
 * handler per event. Handlers only translate events into use cases.
 */
const app: ApplicationFunction = (probot, options) => {
  const metrics = createMetrics();
  options?.addHandler?.(createHealthHandler());
  options?.addHandler?.(metrics.handler);
  probot.on("workflow_run.completed", onWorkflowRunCompleted(metrics));
};

export default app;
