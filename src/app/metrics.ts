import { Counter, Registry, collectDefaultMetrics } from "prom-client";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The app's Prometheus metrics, one registry per app instance (tests load several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "sofie_" });
  const webhooks = new Counter({
    name: "sofie_webhooks_total",
    help: "Webhook events handled, by event and outcome",
    labelNames: ["event", "outcome"] as const,
    registers: [registry],
  });
  const testReports = new Counter({
    name: "sofie_test_reports_total",
    help: "Test-results check runs completed, by conclusion",
    labelNames: ["conclusion"] as const,
    registers: [registry],
  });

  /** `GET /metrics` in Prometheus' text format, as a Probot 14 HTTP handler. */
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") return false;
    res.writeHead(200, { "content-type": registry.contentType });
    res.end(await registry.metrics());
    return true;
  };
  return { registry, webhooks, testReports, handler };
}

export type Metrics = ReturnType<typeof createMetrics>;
