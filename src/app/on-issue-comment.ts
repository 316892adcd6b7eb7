import type { Context } from "probot";
import { createGitHubTeamMembership } from "../adapters/github/github-team-membership.js";
import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { onboardComponent } from "../use-cases/onboard-component.js";
import { readComponent } from "../use-cases/read-component.js";
import { refreshComponent } from "../use-cases/refresh-component.js";
import { requestPromotion } from "../use-cases/request-promotion.js";
import { retryFailedPromotion } from "../use-cases/retry-failed-promotion.js";
import { runCommands } from "../use-cases/run-commands.js";
import { setHold } from "../use-cases/set-hold.js";
import { updateComponent } from "../use-cases/update-component.js";
import { componentContext } from "./component-context.js";
import type { Services } from "./services.js";

/**
 * `issue_comment.created` → comment commands. Only `created` is registered: edited
 * comments never run a command again.
 */
export function onIssueComment(services: Services) {
  return async (context: Context<"issue_comment.created">): Promise<void> => {
    const { comment, issue, installation } = context.payload;
    if (!installation || !comment.body.includes("/")) return;
    const repo = context.repo();
    const repository = `${repo.owner}/${repo.repo}`;
    const c = await componentContext(services, context, installation.id);
    const record = await services.store.components.get(repository);
    const evidence = (record?.evidence ?? {}) as ComponentEvidence;
    const membership = createGitHubTeamMembership(context.octokit);
    const headOfDefault = async () => {
      const { data } = await context.octokit.rest.repos.get({ ...repo });
      const head = await context.octokit.rest.repos.getBranch({ ...repo, branch: data.default_branch });
      return head.data.commit.sha;
    };
    const outcome = await runCommands(
      {
        issues: c.adapters.issues,
        access: c.adapters.access,
        ...(c.policy.maintainers ? { maintainersTeam: c.policy.maintainers } : {}),
        isMaintainer: (username) => membership.isActiveMember(c.policy.maintainers ?? "", username),
        evaluate: async () => {
          const sha = await headOfDefault();
          const now = await readComponent(c.adapters.source, repo, sha);
          if (!now.manifestEvidence) return undefined;
          const result = await refreshComponent(
            c.refreshDeps,
            repo,
            {
              manifest: now.manifestEvidence,
              ...(now.dockerfileFindings ? { dockerfile: { sha, findings: now.dockerfileFindings } } : {}),
            },
            { ...c.refresh, ...(now.manifest ? { component: now.manifest.component } : {}) },
          );
          return result.evaluation;
        },
        onboard: () =>
          onboardComponent({ source: c.adapters.source, host: c.adapters.host }, repo, { reopen: true }),
        promote: async (target, { actor, replyId }) => {
          const now = await readComponent(c.adapters.source, repo, await headOfDefault());
          return requestPromotion(
            {
              jobs: services.store.jobs,
              clock: services.clock,
              rememberConfirmation: async (sha) => {
                await updateComponent(
                  { components: services.store.components, clock: services.clock },
                  repository,
                  installation.id,
                  (fresh) => ({
                    evidence: { ...fresh, confirmedPromotion: sha },
                    result: undefined,
                  }),
                );
              },
            },
            {
              repository,
              installationId: installation.id,
              target,
              actor,
              replyId,
              issueNumber: issue.number,
              automatic: false,
              evidence,
              manifest: now.manifest,
              registry: c.policy.registry,
              ladder: c.refresh.ladder,
              maturityCheckName: c.refresh.maturityCheckName,
              topicPrefix: c.refresh.topicPrefix,
              ...(evidence.confirmedPromotion ? { confirmedSha: evidence.confirmedPromotion } : {}),
            },
          );
        },
        retryFailedPromotions: () =>
          retryFailedPromotion(
            { components: services.store.components, jobs: services.store.jobs, clock: services.clock },
            repository,
          ),
        setHold: (hold) =>
          setHold(
            {
              record: async (value) =>
                (await refreshComponent(c.refreshDeps, repo, { hold: value }, c.refresh)).evidence,
              promoteLatest: async (fresh) =>
                requestPromotion(
                  {
                    jobs: services.store.jobs,
                    clock: services.clock,
                    rememberConfirmation: async () => undefined,
                  },
                  {
                    repository,
                    installationId: installation.id,
                    target: "registry",
                    actor: "sofie-integration-bot",
                    automatic: true,
                    evidence: fresh,
                    manifest: (await readComponent(c.adapters.source, repo, await headOfDefault())).manifest,
                    registry: c.policy.registry,
                    ladder: c.refresh.ladder,
                    maturityCheckName: c.refresh.maturityCheckName,
                    topicPrefix: c.refresh.topicPrefix,
                  },
                ),
            },
            hold,
          ),
        audit: async (entry) => {
          await services.store.audit.append({ at: services.clock.now().toISOString(), repository, ...entry });
        },
      },
      {
        repo,
        issueNumber: issue.number,
        commentId: comment.id,
        body: comment.body,
        author: comment.user?.login ?? "ghost",
        authorType: comment.user?.type ?? "User",
        onboarded: evidence.manifest !== undefined,
      },
    );
    services.metrics.webhooks.inc({ event: "issue_comment", outcome: outcome.status });
    context.log.info({ outcome: outcome.status }, "comment handled");
  };
}
