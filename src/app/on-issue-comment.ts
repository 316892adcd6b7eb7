import type { Context } from "probot";
import { createGitHubTeamMembership } from "../adapters/github/github-team-membership.js";
import { answerComment } from "../use-cases/answer-comment.js";
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
    const c = await componentContext(services, context, installation.id);
    const outcome = await answerComment(
      {
        ...c.adapters,
        membership: createGitHubTeamMembership(context.octokit),
        components: services.store.components,
        jobs: services.store.jobs,
        audit: services.store.audit,
        clock: services.clock,
      },
      {
        repo: context.repo(),
        installationId: installation.id,
        issueNumber: issue.number,
        commentId: comment.id,
        body: comment.body,
        author: comment.user?.login ?? "ghost",
        authorType: comment.user?.type ?? "User",
        policy: c.policy,
        ladder: c.refresh.ladder,
      },
    );
    services.metrics.webhooks.inc({ event: "issue_comment", outcome: outcome.status });
    context.log.info({ outcome: outcome.status }, "comment handled");
  };
}
