import type { ComponentManifest } from "../domain/manifest/component-manifest.js";
import { collectReports } from "../domain/junit/collect-reports.js";
import { reportMatcher } from "../domain/junit/report-matcher.js";
import type { TestTotals } from "../domain/junit/test-results.js";
import { MAX_IMAGES_JSON_BYTES } from "../domain/images/parse-images-json.js";
import { CHECK_RUN_EXTERNAL_ID, IMAGES_JSON, MANIFEST_PATH } from "../domain/names.js";
import { buildAnnotations } from "../domain/render/build-annotations.js";
import type { CheckAnnotation } from "../domain/render/check-annotation.js";
import { renderNoReports } from "../domain/render/render-no-reports.js";
import { renderTestCheck } from "../domain/render/render-test-check.js";
import { ArtifactRejectedError, type ArtifactArchive } from "../ports/artifact-archive.js";
import type { CiArtifacts } from "../ports/ci-artifacts.js";
import type { CheckRuns } from "../ports/check-runs.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { SourceReader } from "../ports/source-reader.js";
import { describeError } from "./classify-failure.js";
import { completeCheckRun, startCheckRun } from "./publish-check-run.js";
import { readManifest } from "./read-manifest.js";
import { readText } from "./read-text.js";

/** A completed CI workflow run, as the use case needs it. */
export interface CompletedRun {
  readonly id: number;
  readonly attempt: number;
  readonly headSha: string;
  /** Path of the workflow file, e.g. `.github/workflows/sofie-ci.yml`. */
  readonly workflowPath: string;
  readonly conclusion: string | null;
  readonly htmlUrl?: string;
  /** No retry follows: a failure to record the results still completes the check run. */
  readonly isFinal?: boolean;
}

export interface ReportTestsDeps {
  readonly source: SourceReader;
  readonly artifacts: CiArtifacts;
  readonly checks: CheckRuns;
  /** Name of the test-results check run (the policy's `checks.tests`). */
  readonly checkName: string;
  /**
   * Stores what the run's results mean for the component, before the check run is completed
   * (evidence first: a retry after a failed completion finds the evidence stored).
   */
  readonly record?: (manifest: ComponentManifest, results: RunResults) => Promise<void>;
}

/** What the run's artifact held, for the maturity evidence. */
export interface RunResults {
  readonly reportsFound: boolean;
  readonly totals?: TestTotals;
  readonly parseErrors: number;
  /** Why the artifact could not be downloaded, when it could not. */
  readonly readError?: string;
  /** The artifact's `images.json`, as text (at most MAX_IMAGES_JSON_BYTES + 1 bytes). */
  readonly imagesJson?: string;
}

export type ReportTestsOutcome =
  | { readonly status: "skipped"; readonly reason: string }
  | {
      readonly status: "reported";
      readonly checkRunId: number;
      readonly conclusion: string;
      readonly title: string;
      readonly manifest: ComponentManifest;
      readonly results: RunResults;
    };

const inFlight = new Map<string, Promise<ReportTestsOutcome>>();

/**
 * Turns a completed CI run's results artifact into one test-results check run on the
 * run's head commit. Idempotent: the check run carries the run id and attempt as its
 * external id, so a redelivered webhook finds it and does nothing (or finishes it, when a
 * crash left it in progress); concurrent deliveries in this process share one report.
 */
export function reportTests(
  deps: ReportTestsDeps,
  repo: RepositoryRef,
  run: CompletedRun,
): Promise<ReportTestsOutcome> {
  const key = `${repo.owner}/${repo.repo}#${run.id}:${run.attempt}`;
  const running = inFlight.get(key);
  if (running) return running;
  const work = report(deps, repo, run).finally(() => inFlight.delete(key));
  inFlight.set(key, work);
  return work;
}

async function report(
  deps: ReportTestsDeps,
  repo: RepositoryRef,
  run: CompletedRun,
): Promise<ReportTestsOutcome> {
  const read = await readManifest((path) => deps.source.readFile(repo, path, run.headSha));
  if (!read) return { status: "skipped", reason: `no ${MANIFEST_PATH} at ${run.headSha}` };
  const { manifest } = read;
  if (!manifest)
    return { status: "skipped", reason: `${MANIFEST_PATH} is invalid (the manifest check reports why)` };
  const workflowFile = run.workflowPath.split("/").pop() ?? "";
  if (workflowFile !== manifest.ci.workflow) {
    return {
      status: "skipped",
      reason: `workflow ${workflowFile} is not the manifest's ${manifest.ci.workflow}`,
    };
  }

  const checkRun = await startCheckRun(
    deps.checks,
    repo,
    {
      name: deps.checkName,
      headSha: run.headSha,
      externalId: CHECK_RUN_EXTERNAL_ID.tests(run.id, run.attempt),
      ...(run.htmlUrl ? { detailsUrl: run.htmlUrl } : {}),
    },
    { title: "Reading test results", summary: `Reading the JUnit reports of CI run ${run.id}.` },
  );
  if (checkRun.completed) return { status: "skipped", reason: "already reported" };

  // Whatever goes wrong from here, the check run is completed: one left "in progress" blocks a required check for ever.
  let result: Collected;
  try {
    result = await collect(deps, repo, run, manifest);
  } catch (error) {
    result = unreadable(manifest, downloadFailure(error));
  }
  if (deps.record) {
    try {
      await deps.record(manifest, result.results);
    } catch (error) {
      // Retried while attempts remain (the check run stays "in progress" until then); the last one completes it.
      if (!run.isFinal) throw error;
      result = unrecorded(result, describeError(error));
    }
  }
  await completeCheckRun(deps.checks, repo, checkRun, result);
  return {
    status: "reported",
    checkRunId: checkRun.id,
    conclusion: result.conclusion,
    title: result.title,
    manifest,
    results: result.results,
  };
}

interface Collected {
  readonly title: string;
  readonly summary: string;
  readonly conclusion: "success" | "failure" | "neutral";
  readonly annotations: readonly CheckAnnotation[];
  readonly results: RunResults;
}

async function collect(
  deps: ReportTestsDeps,
  repo: RepositoryRef,
  run: CompletedRun,
  manifest: ComponentManifest,
): Promise<Collected> {
  const where = { artifactName: manifest.ci.artifact, junitGlob: manifest.junit };
  const artifact = await deps.artifacts.findRunArtifact(repo, run.id, manifest.ci.artifact);
  if (artifact?.expired)
    return unreadable(manifest, "it has expired (GitHub deletes artifacts after their retention period)");
  if (!artifact) {
    return noReports(
      renderNoReports({ ...where, found: [], reason: "no-artifact", runConclusion: run.conclusion }),
      {},
    );
  }
  let archive: ArtifactArchive;
  try {
    archive = await deps.artifacts.openArtifact(repo, artifact);
  } catch (error) {
    if (error instanceof ArtifactRejectedError)
      return noReports(
        renderNoReports({ ...where, found: [], reason: "rejected", detail: error.reason }),
        {},
      );
    throw error;
  }
  try {
    const names = archive.entries.map((entry) => entry.name);
    const imagesJson = names.includes(IMAGES_JSON)
      ? await readText(archive.read(IMAGES_JSON), MAX_IMAGES_JSON_BYTES + 1)
      : undefined;
    const extra = imagesJson === undefined ? {} : { imagesJson };
    // An entry the reader refused (a link, encrypted, over a cap) is never read; one the glob
    // matches might hide failures, so it counts as an unreadable report, and the others are listed.
    const collected = await collectReports(
      {
        names,
        refused: archive.rejected,
        read: (name) => archive.read(name),
        readError: (_name, error) => (error instanceof ArtifactRejectedError ? error.reason : undefined),
      },
      reportMatcher(manifest.junit),
    );
    if (collected.matched === 0) {
      return noReports(
        renderNoReports({
          ...where,
          found: names,
          reason: names.length ? "no-match" : "empty",
          rejected: archive.rejected,
        }),
        extra,
      );
    }
    const { reports, totals } = collected;
    const parseProblems = collected.problems.map(({ unread: _unread, ...problem }) => problem);
    const annotations =
      totals.failures + totals.errors > 0
        ? buildAnnotations(reports, await deps.source.listPaths(repo, run.headSha))
        : [];
    const rendered = renderTestCheck({
      reports,
      parseProblems,
      notRead: collected.notRead,
      annotations,
      context: { ...where, ...(run.htmlUrl ? { runUrl: run.htmlUrl } : {}) },
    });
    return {
      title: rendered.title,
      summary: rendered.summary,
      conclusion: rendered.conclusion,
      annotations,
      results: { reportsFound: true, totals, parseErrors: parseProblems.length, ...extra },
    };
  } finally {
    await archive.close();
  }
}

function noReports(
  rendered: { title: string; summary: string; conclusion: "failure" },
  extra: { imagesJson?: string },
): Collected {
  return { ...rendered, annotations: [], results: { reportsFound: false, parseErrors: 0, ...extra } };
}

/** The check run when the artifact exists (or should) but could not be downloaded or read. */
function unreadable(manifest: ComponentManifest, reason: string): Collected {
  const rendered = renderNoReports({
    artifactName: manifest.ci.artifact,
    junitGlob: manifest.junit,
    found: [],
    reason: "unreadable",
    detail: reason,
  });
  return {
    title: rendered.title,
    summary: rendered.summary,
    conclusion: rendered.conclusion,
    annotations: [],
    results: { reportsFound: false, parseErrors: 0, readError: reason },
  };
}

/** The check run when the results were read but could not be recorded for the component. */
function unrecorded(result: Collected, reason: string): Collected {
  return {
    ...result,
    conclusion: "neutral",
    title: `${result.title} (not recorded)`,
    summary: `${result.summary}\n\n> [!WARNING]\n> These results could not be recorded for the component's level (${reason}). Re-run the workflow to record them.`,
  };
}

/** "GitHub answered 410: Artifact has expired", or the network error, in one line. */
function downloadFailure(error: unknown): string {
  const message = describeError(error);
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? `GitHub answered ${status}: ${message}` : message;
}
