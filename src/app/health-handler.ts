import type { IncomingMessage, ServerResponse } from "node:http";

/** What `/readyz` asks before it says yes; each returns a reason when not ready. */
export type ReadinessCheck = () => string | undefined | Promise<string | undefined>;

/**
 * `/healthz` (the process answers) and `/readyz` (the app can do its work), as a Probot
 * 14 HTTP handler: returns true when it answered the request.
 */
export function createHealthHandler(readiness: readonly ReadinessCheck[] = []) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (path === "/healthz") {
      reply(res, 200, { status: "ok" });
      return true;
    }
    if (path === "/readyz") {
      const reasons: string[] = [];
      for (const check of readiness) {
        const reason = await check();
        if (reason) reasons.push(reason);
      }
      reply(
        res,
        reasons.length === 0 ? 200 : 503,
        reasons.length === 0 ? { status: "ready" } : { status: "not ready", reasons },
      );
      return true;
    }
    return false;
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
