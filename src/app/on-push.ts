import type { Context } from "probot";
import { recordPush } from "../use-cases/record-push.js";
import { componentContext } from "./component-context.js";
import type { Services } from "./services.js";

const ZERO_SHA = /^0+$/;

/** `push` → evidence (`recordPush`); branch deletions and tags are not pushes of code. */
export function onPush(services: Services) {
  return async (context: Context<"push">): Promise<void> => {
    const { payload } = context;
    const installationId = payload.installation?.id;
    if (
      !installationId ||
      payload.deleted ||
      ZERO_SHA.test(payload.after) ||
      !payload.ref.startsWith("refs/heads/")
    )
      return;
    const c = await componentContext(services, context, installationId);
    const result = await recordPush(
      { ...c.refreshDeps, source: c.adapters.source },
      {
        repo: context.repo(),
        installationId,
        branch: payload.ref.slice("refs/heads/".length),
        defaultBranch: payload.repository.default_branch ?? payload.repository.master_branch,
        after: payload.after,
        at: payload.head_commit?.timestamp ?? services.clock.now().toISOString(),
        ladder: c.refresh.ladder,
      },
    );
    services.metrics.webhooks.inc({ event: "push", outcome: result ? "recorded" : "ignored" });
    context.log.info({ level: result?.evaluation.level, previous: result?.previousLevel }, "push handled");
  };
}
