import type { CheckRuns, CheckRunStart, CheckRunUpdate, CheckOutput } from "../../ports/check-runs.js";
import type { RepositoryRef } from "../../ports/repository-ref.js";
import type { Octokit } from "./octokit.js";

/** Check runs through GitHub's Checks API. */
export function createGitHubCheckRuns(octokit: Octokit): CheckRuns {
  return {
    async find(repo: RepositoryRef, headSha: string, name: string, externalId: string) {
      const { data } = await octokit.rest.checks.listForRef({
        ...repo,
        ref: headSha,
        check_name: name,
        filter: "all",
        per_page: 100,
      });
      const run = data.check_runs.find((candidate) => candidate.external_id === externalId);
      return run ? { id: run.id, status: run.status } : undefined;
    },
    async start(repo: RepositoryRef, run: CheckRunStart) {
      const { data } = await octokit.rest.checks.create({
        ...repo,
        name: run.name,
        head_sha: run.headSha,
        external_id: run.externalId,
        status: "in_progress",
        started_at: new Date().toISOString(),
        ...(run.detailsUrl ? { details_url: run.detailsUrl } : {}),
        output: toOutput(run.output),
      });
      return data.id;
    },
    async update(repo: RepositoryRef, id: number, update: CheckRunUpdate) {
      await octokit.rest.checks.update({
        ...repo,
        check_run_id: id,
        output: toOutput(update.output),
        ...(update.conclusion
          ? {
              status: "completed" as const,
              conclusion: update.conclusion,
              completed_at: new Date().toISOString(),
            }
          : {}),
      });
    },
  };
}

function toOutput(output: CheckOutput) {
  return {
    title: output.title,
    summary: output.summary,
    ...(output.text === undefined ? {} : { text: output.text }),
    ...(output.annotations && output.annotations.length > 0 ? { annotations: [...output.annotations] } : {}),
  };
}
