import type { ApplicationFunction } from "probot";
import { createHealthHandler } from "./app/health-handler.js";
import { onWorkflowRunCompleted } from "./app/on-workflow-run-completed.js";

/**
 * The Probot entry (`probot run ./lib/index.js`): registers the HTTP handlers and one
 * handler per event. Handlers only translate events into use cases.
 */
const app: ApplicationFunction = (probot, options) => {
  options?.addHandler?.(createHealthHandler());
  probot.on("workflow_run.completed", onWorkflowRunCompleted);
};

export default app;
