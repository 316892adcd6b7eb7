import type { Context } from "probot";
import { createGitHubPolicySource } from "../adapters/github/github-policy-source.js";
import { DEFAULT_POLICY } from "../config/policy.js";
import type { RefreshContext, RefreshDeps } from "../use-cases/refresh-component.js";
import { ladderFor, resolvePolicy, type ResolvedPolicy } from "../use-cases/resolve-policy.js";
import { repositoryAdapters, type RepositoryAdapters } from "./repository-adapters.js";
import type { Services } from "./services.js";

/** Everything a handler needs to record evidence for the event's repository. */
export interface ComponentContext {
  readonly adapters: RepositoryAdapters;
  readonly refreshDeps: RefreshDeps;
  readonly refresh: RefreshContext;
  readonly policy: ResolvedPolicy["policy"];
}

export async function componentContext(
  services: Services,
  context: Context,
  installationId: number,
): Promise<ComponentContext> {
  const adapters = repositoryAdapters(context.octokit, services.pacerFor(installationId));
  const { policy, ladder } = await webhookPolicy(context);
  return {
    adapters,
    policy,
    refreshDeps: { components: services.store.components, jobs: services.store.jobs, clock: services.clock },
    refresh: { installationId, ladder },
  };
}

/** In a webhook, an unreadable policy file is not worth losing the event for: the defaults apply. */
async function webhookPolicy(context: Context): Promise<ResolvedPolicy> {
  try {
    return await resolvePolicy(createGitHubPolicySource(context.octokit), context.repo(), context.log);
  } catch (error) {
    context.log.warn({ err: error }, "cannot read the organisation policy; using the default policy");
    return { policy: DEFAULT_POLICY, ladder: ladderFor(DEFAULT_POLICY, context.log) };
  }
}
