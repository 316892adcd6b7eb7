import type { Context } from "probot";
import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { checkPullRequest } from "../use-cases/check-pull-request.js";
import { componentContext } from "./component-context.js";
import type { Services } from "./services.js";

/** `pull_request` opened, synchronize or reopened → the manifest and maturity checks of an onboarded repository. */
export function onPullRequest(services: Services) {
  return async (
    context: Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">,
  ) => {
    const { pull_request: pr, installation } = context.payload;
    if (!installation) return;
    const repo = context.repo();
    const record = await services.store.components.get(`${repo.owner}/${repo.repo}`);
    if (!record) return; // not installed here through this app's onboarding: leave it alone
    const c = await componentContext(services, context, installation.id);
    const effect = await checkPullRequest(
      {
        source: c.adapters.source,
        checks: c.adapters.checks,
        ladder: c.refresh.ladder,
        names: { manifest: c.policy.checks.manifest, maturity: c.policy.checks.maturity },
        now: services.clock.now().toISOString(),
      },
      repo,
      { number: pr.number, headSha: pr.head.sha, baseEvidence: record.evidence as ComponentEvidence },
    );
    services.metrics.webhooks.inc({ event: "pull_request", outcome: "checked" });
    context.log.info({ pr: pr.number, ...effect }, "pull request checked");
  };
}
