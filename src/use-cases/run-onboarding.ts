import { renderOnboardingOutcome } from "../domain/render/render-onboarding-outcome.js";
import type { Clock } from "../ports/clock.js";
import type { IssueTracker } from "../ports/issue-tracker.js";
import type { OnboardingHost } from "../ports/onboarding-host.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { SourceReader } from "../ports/source-reader.js";
import type { ComponentStore, JobQueueStore } from "../ports/store.js";
import { PermanentFailure } from "./classify-failure.js";
import { onboardComponent, type OnboardOutcome } from "./onboard-component.js";
import { refreshComponent } from "./refresh-component.js";
import type { ResolvedPolicy } from "./resolve-policy.js";
import type { OnboardJobPayload } from "./sync-installation.js";

export interface RunOnboardingDeps {
  readonly source: SourceReader;
  readonly host: OnboardingHost;
  readonly issues: IssueTracker;
  readonly components: ComponentStore;
  readonly jobs: JobQueueStore;
  readonly clock: Clock;
  readonly policy: (repo: RepositoryRef) => Promise<ResolvedPolicy>;
}

/**
 * The onboarding job, for an installation and for `/onboard` alike: records the
 * installation (level-1 evidence, under the organisation policy's ladder), opens or updates
 * the onboarding pull request, and, for `/onboard`, says in the command's reply what it did.
 */
export async function runOnboarding(
  deps: RunOnboardingDeps,
  payload: OnboardJobPayload,
): Promise<OnboardOutcome> {
  const repo = { owner: payload.owner, repo: payload.repo };
  if (payload.contentsAccess === "none") throw new PermanentFailure("the installation cannot read contents");
  const { ladder } = await deps.policy(repo);
  await refreshComponent(
    deps,
    repo,
    { installation: { contentsAccess: payload.contentsAccess } },
    // Nothing is shown until the manifest is merged; the push of the merge publishes the level.
    { installationId: payload.installationId, ladder, publish: false },
  );
  const outcome = await onboardComponent({ source: deps.source, host: deps.host }, repo, {
    ...(payload.reopen ? { reopen: true } : {}),
  });
  if (payload.replyId !== undefined) {
    const who = payload.requestedBy ? `@${payload.requestedBy} ` : "";
    await deps.issues.updateComment(
      repo,
      payload.replyId,
      `${who}✅ \`/onboard\`\n\n${renderOnboardingOutcome(outcome)}`,
    );
  }
  return outcome;
}
