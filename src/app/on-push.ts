import type { Context } from "probot";
import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { readComponent } from "../use-cases/read-component.js";
import { refreshComponent } from "../use-cases/refresh-component.js";
import { componentContext } from "./component-context.js";
import type { Services } from "./services.js";

const ZERO_SHA = /^0+$/;

/** `push` → evidence: the manifest on the default branch, and a push to the watched branch with its Dockerfile check. */
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
    const branch = payload.ref.slice("refs/heads/".length);
    const defaultBranch = payload.repository.default_branch ?? payload.repository.master_branch;
    const repo = context.repo();
    const record = await services.store.components.get(`${repo.owner}/${repo.repo}`);
    const c = await componentContext(services, context, installationId);
    const onDefault = await readComponent(
      c.adapters.source,
      repo,
      branch === defaultBranch ? payload.after : (defaultBranch ?? "HEAD"),
    );
    if (!onDefault.manifestEvidence && !record) return; // not onboarded: nothing to say
    const watched = onDefault.manifest?.branch;
    if (branch !== defaultBranch && branch !== watched) return;

    const patch: Partial<Mutable<ComponentEvidence>> = {};
    if (onDefault.manifestEvidence) patch.manifest = onDefault.manifestEvidence;
    const known = record?.evidence as ComponentEvidence | undefined;
    if (!known?.installation) patch.installation = { contentsAccess: "read" };
    if (onDefault.manifest && branch === watched) {
      const atHead =
        branch === defaultBranch ? onDefault : await readComponent(c.adapters.source, repo, payload.after);
      patch.push = {
        sha: payload.after,
        at: payload.head_commit?.timestamp ?? services.clock.now().toISOString(),
        branch,
      };
      patch.dockerfile = { sha: payload.after, findings: atHead.dockerfileFindings ?? [] };
    }
    const result = await refreshComponent(c.refreshDeps, repo, patch, {
      ...c.refresh,
      ...(onDefault.manifest ? { component: onDefault.manifest.component } : {}),
    });
    services.metrics.webhooks.inc({ event: "push", outcome: "recorded" });
    context.log.info({ level: result.evaluation.level, previous: result.previousLevel }, "push recorded");
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
