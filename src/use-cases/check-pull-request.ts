import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { evaluateMaturity } from "../domain/maturity/evaluate-maturity.js";
import { evaluatePullRequest } from "../domain/maturity/evaluate-pull-request.js";
import type { Ladder } from "../domain/maturity/ladder.js";
import { renderManifestCheck } from "../domain/render/render-manifest-check.js";
import { renderMaturityCheck } from "../domain/render/render-maturity-check.js";
import type { CheckRuns } from "../ports/check-runs.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { SourceReader } from "../ports/source-reader.js";
import { readComponent } from "./read-component.js";
import { CHECK_RUN_EXTERNAL_ID, MANIFEST_PATH } from "../domain/names.js";
import { toAnnotation } from "../domain/render/to-annotation.js";
import { publishCheckRun } from "./publish-check-run.js";

export interface PullRequestInput {
  readonly number: number;
  readonly headSha: string;
  /** What the store holds for the component (the watched branch's evidence). */
  readonly baseEvidence: ComponentEvidence;
}

export interface PullRequestDeps {
  readonly source: SourceReader;
  readonly checks: CheckRuns;
  readonly ladder: Ladder;
  readonly names: { readonly manifest: string; readonly maturity: string };
  readonly now: string;
}

/**
 * A pull request of an onboarded repository: the manifest check (an annotation on each
 * problem's line) when it changes `.sofie/component.yml`, and the maturity check saying
 * what merging it would do to the level. Check runs are keyed by the head commit, so a
 * redelivery updates rather than duplicates them.
 */
export async function checkPullRequest(
  deps: PullRequestDeps,
  repo: RepositoryRef,
  pr: PullRequestInput,
): Promise<{ before: number; after: number }> {
  const atHead = await readComponent(deps.source, repo, pr.headSha);
  const prEvidence: ComponentEvidence = {
    ...pr.baseEvidence,
    ...(atHead.manifestEvidence ? { manifest: atHead.manifestEvidence } : {}),
    ...(atHead.dockerfileFindings
      ? { dockerfile: { sha: pr.headSha, findings: atHead.dockerfileFindings } }
      : {}),
  };
  const effect = evaluatePullRequest(deps.ladder, pr.baseEvidence, prEvidence, { now: deps.now });
  const after = evaluateMaturity(deps.ladder, prEvidence, { now: deps.now });

  const changed = await deps.source.changedFiles(repo, pr.number);
  if (changed.includes(MANIFEST_PATH)) {
    const manifestCheck = renderManifestCheck(atHead.manifestEvidence?.problems, effect);
    const target = {
      name: deps.names.manifest,
      headSha: pr.headSha,
      externalId: CHECK_RUN_EXTERNAL_ID.manifest(pr.headSha),
    };
    await publishCheckRun(deps.checks, repo, target, manifestCheck);
  }
  const check = renderMaturityCheck(after, effect);
  const target = {
    name: deps.names.maturity,
    headSha: pr.headSha,
    externalId: CHECK_RUN_EXTERNAL_ID.maturity(pr.headSha),
  };
  await publishCheckRun(deps.checks, repo, target, {
    title: check.title,
    summary: check.summary,
    conclusion: check.conclusion,
    annotations: (atHead.dockerfileFindings ?? []).map(toAnnotation),
  });
  return { before: effect.before, after: effect.after };
}
