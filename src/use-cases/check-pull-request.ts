import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { evaluateMaturity } from "../domain/maturity/evaluate-maturity.js";
import { evaluatePullRequest } from "../domain/maturity/evaluate-pull-request.js";
import type { Ladder } from "../domain/maturity/ladder.js";
import { inlineText } from "../domain/render/inline-text.js";
import { renderMaturityCheck } from "../domain/render/render-maturity-check.js";
import type { CheckAnnotation } from "../domain/render/check-annotation.js";
import { batchAnnotations } from "../domain/render/batch-annotations.js";
import type { Problem } from "../domain/problem.js";
import type { CheckRuns } from "../ports/check-runs.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { SourceReader } from "../ports/source-reader.js";
import { readComponent } from "./read-component.js";
import { MANIFEST_PATH } from "./report-tests.js";
import { toAnnotation } from "./to-annotation.js";

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
    const problems = atHead.manifestEvidence?.problems ?? [missingManifest()];
    const errors = problems.filter((p) => p.severity === "error").length;
    const summary = [
      errors === 0
        ? "✅ `.sofie/component.yml` is valid."
        : `❌ \`.sofie/component.yml\` has ${errors} problem${errors === 1 ? "" : "s"}; each is annotated at its line.`,
      "",
      `Merged, this pull request would leave the component at **level ${effect.after}** (${inlineText(effect.afterName, { max: 60 })}); it is at level ${effect.before} now.`,
      "",
      // Messages echo the manifest's values: one line each, no HTML, no live mention.
      ...problems
        .slice(0, 100)
        .map((p) => `- line ${p.line}, column ${p.column}: ${inlineText(p.message, { max: 1000 })}`),
    ].join("\n");
    await publish(deps.checks, repo, pr.headSha, deps.names.manifest, `sofie-manifest:${pr.headSha}`, {
      title: errors === 0 ? "Manifest valid" : `${errors} manifest problem${errors === 1 ? "" : "s"}`,
      summary,
      conclusion: errors === 0 ? "success" : "failure",
      annotations: problems.map(toAnnotation),
    });
  }
  const check = renderMaturityCheck(after, effect);
  await publish(deps.checks, repo, pr.headSha, deps.names.maturity, `sofie-maturity:${pr.headSha}`, {
    title: check.title,
    summary: check.summary,
    conclusion: check.conclusion,
    annotations: (atHead.dockerfileFindings ?? []).map(toAnnotation),
  });
  return { before: effect.before, after: effect.after };
}

async function publish(
  checks: CheckRuns,
  repo: RepositoryRef,
  sha: string,
  name: string,
  externalId: string,
  result: {
    title: string;
    summary: string;
    conclusion: "success" | "failure" | "neutral";
    annotations: readonly CheckAnnotation[];
  },
): Promise<void> {
  const output = { title: result.title, summary: result.summary };
  const existing = await checks.find(repo, sha, name, externalId);
  const id = existing?.id ?? (await checks.start(repo, { name, headSha: sha, externalId, output }));
  const batches = batchAnnotations(result.annotations, 50);
  // A completed run that is updated again would get its annotations twice: annotate only new runs.
  const fresh = existing === undefined || existing.status !== "completed";
  if (fresh)
    for (const batch of batches.slice(0, -1))
      await checks.update(repo, id, { output: { ...output, annotations: batch } });
  await checks.update(repo, id, {
    conclusion: result.conclusion,
    output: { ...output, annotations: fresh ? (batches.at(-1) ?? []) : [] },
  });
}

function missingManifest(): Problem {
  return {
    file: MANIFEST_PATH,
    line: 1,
    column: 1,
    severity: "error",
    message: "this pull request removes .sofie/component.yml; the component would fall to level 0",
  };
}
