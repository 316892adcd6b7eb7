import type { OrganisationPolicy } from "../config/policy.js";
import { BOT_ACTOR } from "../domain/names.js";
import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import type { Ladder } from "../domain/maturity/ladder.js";
import type { AccessControl } from "../ports/access-control.js";
import type { Clock } from "../ports/clock.js";
import type { IssueTracker } from "../ports/issue-tracker.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { SourceReader } from "../ports/source-reader.js";
import type { AuditLog, ComponentStore, JobQueueStore } from "../ports/store.js";
import type { TeamMembership } from "../ports/team-membership.js";
import { readComponent } from "./read-component.js";
import { refreshComponent } from "./refresh-component.js";
import { requestPromotion } from "./request-promotion.js";
import { retryFailedPromotion } from "./retry-failed-promotion.js";
import { runCommands, type CommandDeps, type CommandsOutcome } from "./run-commands.js";
import { setHold } from "./set-hold.js";
import { enqueueJob } from "./job-kind.js";
import { ONBOARD_JOB_TYPE, type OnboardJobPayload } from "./sync-installation.js";

export interface AnswerCommentDeps {
  readonly issues: IssueTracker;
  readonly access: AccessControl;
  readonly membership: TeamMembership;
  readonly source: SourceReader;
  readonly components: ComponentStore;
  readonly jobs: JobQueueStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export interface CommentEvent {
  readonly repo: RepositoryRef;
  readonly installationId: number;
  readonly issueNumber: number;
  readonly commentId: number;
  readonly body: string;
  readonly author: string;
  readonly authorType: string;
  readonly policy: OrganisationPolicy;
  readonly ladder: Ladder;
}

/**
 * A comment on an issue or pull request: runs the commands it holds (`runCommands`) against
 * the component's stored state. Every command that changes state goes through the store's
 * compare-and-set on the fresh record (`/hold`, the confirmation of a moved branch) or a
 * durable job (`/promote`, `/onboard`, `/retry`), so a command racing a build never
 * overwrites the build's evidence.
 */
export async function answerComment(deps: AnswerCommentDeps, event: CommentEvent): Promise<CommandsOutcome> {
  const { repo } = event;
  const repository = `${repo.owner}/${repo.repo}`;
  const record = await deps.components.get(repository);
  const refresh = { installationId: event.installationId, ladder: event.ladder };
  const atDefaultHead = async () =>
    readComponent(deps.source, repo, await deps.source.defaultBranchHead(repo));
  const promotionInput = (
    evidence: ComponentEvidence,
    manifest: Awaited<ReturnType<typeof atDefaultHead>>["manifest"],
  ) => ({
    repository,
    installationId: event.installationId,
    evidence,
    manifest,
    registry: event.policy.registry,
    ladder: event.ladder,
  });
  const commandDeps: CommandDeps = {
    issues: deps.issues,
    access: deps.access,
    ...(event.policy.maintainers ? { maintainersTeam: event.policy.maintainers } : {}),
    isMaintainer: (username) => deps.membership.isActiveMember(event.policy.maintainers ?? "", username),
    evaluate: async () => {
      const now = await atDefaultHead();
      if (!now.manifestEvidence) return undefined;
      const sha = now.manifestEvidence.sha;
      const result = await refreshComponent(
        deps,
        repo,
        {
          manifest: now.manifestEvidence,
          ...(now.dockerfileFindings ? { dockerfile: { sha, findings: now.dockerfileFindings } } : {}),
        },
        refresh,
      );
      return result.evaluation;
    },
    onboard: async ({ replyId, actor }) => {
      const payload: OnboardJobPayload = {
        installationId: event.installationId,
        owner: repo.owner,
        repo: repo.repo,
        contentsAccess: "read",
        reopen: true,
        replyId,
        requestedBy: actor,
      };
      await enqueueJob(
        deps.jobs,
        ONBOARD_JOB_TYPE,
        `onboard:${repository}:comment:${event.commentId}`,
        payload,
        deps.clock,
      );
      return {
        outcome: "done",
        message: "Onboarding queued: this reply says which pull request when it is done.",
      };
    },
    promote: async (target, { actor, replyId }) => {
      // Decided on the evidence as stored now, not on a snapshot taken before the network calls.
      const { manifest } = await atDefaultHead();
      const fresh = ((await deps.components.get(repository))?.evidence ?? {}) as ComponentEvidence;
      return requestPromotion(deps, {
        ...promotionInput(fresh, manifest),
        target,
        actor,
        replyId,
        issueNumber: event.issueNumber,
        automatic: false,
      });
    },
    retryFailedPromotions: () => retryFailedPromotion(deps, repository),
    setHold: (hold) =>
      setHold(
        {
          record: async (value) => (await refreshComponent(deps, repo, { hold: value }, refresh)).evidence,
          promoteLatest: async (fresh) =>
            requestPromotion(deps, {
              ...promotionInput(fresh, (await atDefaultHead()).manifest),
              target: "registry",
              actor: BOT_ACTOR,
              automatic: true,
            }),
        },
        hold,
      ),
    audit: async (entry) => {
      await deps.audit.append({ at: deps.clock.now().toISOString(), repository, ...entry });
    },
  };
  return runCommands(commandDeps, {
    repo,
    issueNumber: event.issueNumber,
    commentId: event.commentId,
    body: event.body,
    author: event.author,
    authorType: event.authorType,
    onboarded: (record?.evidence as ComponentEvidence | undefined)?.manifest !== undefined,
  });
}
