import type { Probot } from "probot";
import { guardWebhooks, type NodeMiddleware } from "../adapters/http/webhook-guard.js";

/**
 * Makes every webhook middleware this Probot instance hands out guarded (see `guardWebhooks`):
 * Probot's server asks for it when it starts, after the app is loaded, and puts it first, so
 * no body reaches Probot's own reader unless it is within `maxBytes` and signed with the
 * secret Probot verifies with (`WEBHOOK_SECRET`, Probot's `development` when unset).
 */
type ProbotMiddleware = Awaited<ReturnType<Probot["getNodeMiddleware"]>>;

export function guardProbotWebhooks(probot: Probot, maxBytes: number, env: NodeJS.ProcessEnv): void {
  const unguarded = probot.getNodeMiddleware.bind(probot);
  const log = probot.log.child({ name: "webhooks" });
  probot.getNodeMiddleware = async (options = {}) => {
    const inner = (await unguarded(options)) as NodeMiddleware;
    const path = options.path ?? probot.webhookPath;
    const secret = env.WEBHOOK_SECRET || "development";
    return guardWebhooks(inner, { path, secret, maxBytes, log }) as ProbotMiddleware;
  };
}
