import { contentHash } from "../domain/content-hash.js";
import { renderOnboardingBody } from "../domain/onboarding/index.js";
import { readMarker } from "../domain/render/marker.js";
import type { OnboardingHost } from "../ports/onboarding-host.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { SourceReader } from "../ports/source-reader.js";
import { MANIFEST_PATH, WORKFLOW_PATH } from "../domain/names.js";
import { prefillOnboarding } from "./prefill-onboarding.js";

export const ONBOARDING_BRANCH = "sofie/onboarding";
const COMMIT_MESSAGE =
  "Add the SOFIE component manifest and CI workflow\n\nOpened by the SOFIE Integration Bot.";
export const ONBOARDING_TITLE = "Onboard this component to the SOFIE integration platform";

export interface OnboardDeps {
  readonly source: SourceReader;
  readonly host: OnboardingHost;
}

export type OnboardOutcome =
  | { readonly status: "opened" | "updated" | "unchanged"; readonly number: number }
  | { readonly status: "skipped"; readonly reason: string };

/**
 * Opens the onboarding pull request, Renovate-style: for a repository with no manifest,
 * a branch with the prefilled manifest and CI workflow, and a body that explains the
 * ladder. Idempotent: an open onboarding PR is updated in place only when its content
 * would change (a hash in a hidden marker), and left alone when someone else pushed to
 * its branch; a closed, unmerged one is respected unless `reopen` (the `/onboard` command).
 */
export async function onboardComponent(
  deps: OnboardDeps,
  repo: RepositoryRef,
  options: { reopen?: boolean } = {},
): Promise<OnboardOutcome> {
  const info = await deps.host.getRepository(repo);
  if (!info) return { status: "skipped", reason: "the repository is gone" };
  if (info.archived) return { status: "skipped", reason: "the repository is archived" };
  if (!info.headSha) return { status: "skipped", reason: "the repository is empty" };
  if ((await deps.source.readFile(repo, MANIFEST_PATH, info.headSha)) !== undefined) {
    return { status: "skipped", reason: `${MANIFEST_PATH} is already on ${info.defaultBranch}` };
  }
  const existing = await deps.host.findPullRequest(repo, ONBOARDING_BRANCH);
  if (existing && existing.state === "closed" && !options.reopen) {
    return {
      status: "skipped",
      reason: `onboarding PR #${existing.number} was ${existing.merged ? "merged" : "closed"}; comment /onboard to open it again`,
    };
  }

  const headSha = info.headSha;
  const { facts, files } = await prefillOnboarding(
    {
      listPaths: () => deps.source.listPaths(repo, headSha),
      readFile: (path) => deps.source.readFile(repo, path, headSha),
    },
    { owner: repo.owner, repo: repo.repo, defaultBranch: info.defaultBranch },
  );
  const hash = contentHash(
    files[MANIFEST_PATH] as string,
    files[WORKFLOW_PATH] as string,
    JSON.stringify(facts),
  );
  const body = (commit: string) =>
    `${renderOnboardingBody(facts, { manifestPath: MANIFEST_PATH, workflowPath: WORKFLOW_PATH, hash })}\n<!-- sofie:commit=${commit} -->\n`;

  const commitFiles = () => deps.host.commitToBranch(repo, ONBOARDING_BRANCH, headSha, files, COMMIT_MESSAGE);

  if (existing && existing.state === "open") {
    if (readMarker(existing.body, "hash") === hash) return { status: "unchanged", number: existing.number };
    if (readMarker(existing.body, "commit") !== existing.headSha) {
      // Someone pushed to the onboarding branch: their edits win over a regenerated one.
      return { status: "unchanged", number: existing.number };
    }
    const commit = await commitFiles();
    await deps.host.updatePullRequest(repo, existing.number, { title: ONBOARDING_TITLE, body: body(commit) });
    return { status: "updated", number: existing.number };
  }

  const commit = await commitFiles();
  const number = await deps.host.openPullRequest(repo, {
    head: ONBOARDING_BRANCH,
    base: info.defaultBranch,
    title: ONBOARDING_TITLE,
    body: body(commit),
  });
  return { status: "opened", number };
}
