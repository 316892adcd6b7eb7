import type { Context } from "probot";
import type { RefreshContext, RefreshDeps } from "../use-cases/refresh-component.js";
import { ladderFor } from "./ladder-for.js";
import { loadPolicy } from "./load-policy.js";
import { repositoryAdapters, type RepositoryAdapters } from "./repository-adapters.js";
import type { Services } from "./services.js";

/** Everything a handler needs to record evidence for the event's repository. */
export interface ComponentContext {
  readonly adapters: RepositoryAdapters;
  readonly refreshDeps: RefreshDeps;
  readonly refresh: Omit<RefreshContext, "component">;
  readonly policy: Awaited<ReturnType<typeof loadPolicy>>;
}

export async function componentContext(
  services: Services,
  context: Context,
  installationId: number,
): Promise<ComponentContext> {
  const adapters = repositoryAdapters(context.octokit, services.pacerFor(installationId));
  const policy = await loadPolicy(context);
  return {
    adapters,
    policy,
    refreshDeps: {
      ...adapters,
      components: services.store.components,
      clock: services.clock,
      log: context.log,
    },
    refresh: {
      installationId,
      ladder: ladderFor(policy, context.log),
      maturityCheckName: policy.checks.maturity,
      topicPrefix: policy.topics.prefix,
    },
  };
}
