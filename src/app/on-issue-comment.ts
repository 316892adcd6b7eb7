import type { Context } from "probot";
import { onboardComponent } from "../use-cases/onboard-component.js";
import { readComponent } from "../use-cases/read-component.js";
import { refreshComponent } from "../use-cases/refresh-component.js";
import { runCommands } from "../use-cases/run-commands.js";
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
    const c = await componentContext(services, context, installation.id);
    const record = await services.store.components.get(`${repo.owner}/${repo.repo}`);
    const outcome = await runCommands(
      {
        issues: c.adapters.issues,
        access: c.adapters.access,
        evaluate: async () => {
          const { data } = await context.octokit.rest.repos.get({ ...repo });
          const head = await context.octokit.rest.repos.getBranch({ ...repo, branch: data.default_branch });
          const now = await readComponent(c.adapters.source, repo, head.data.commit.sha);
          if (!now.manifestEvidence) return undefined;
          const result = await refreshComponent(
            c.refreshDeps,
            repo,
            {
              manifest: now.manifestEvidence,
              ...(now.dockerfileFindings
                ? { dockerfile: { sha: head.data.commit.sha, findings: now.dockerfileFindings } }
                : {}),
            },
            { ...c.refresh, ...(now.manifest ? { component: now.manifest.component } : {}) },
          );
          return result.evaluation;
        },
        onboard: () =>
          onboardComponent({ source: c.adapters.source, host: c.adapters.host }, repo, { reopen: true }),
      },
      {
        repo,
        issueNumber: issue.number,
        commentId: comment.id,
        body: comment.body,
        author: comment.user?.login ?? "ghost",
        authorType: comment.user?.type ?? "User",
        onboarded:
          record?.evidence !== undefined &&
          (record.evidence as { manifest?: unknown }).manifest !== undefined,
      },
    );
    services.metrics.webhooks.inc({ event: "issue_comment", outcome: outcome.status });
    context.log.info({ outcome: outcome.status }, "comment handled");
  };
}
