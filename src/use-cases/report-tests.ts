import picomatch from "picomatch";
import { parseManifest } from "../domain/manifest/parse-manifest.js";
import type { ComponentManifest } from "../domain/manifest/component-manifest.js";
import { JunitParseError } from "../domain/junit/junit-parse-error.js";
import { parseJunit } from "../domain/junit/parse-junit.js";
import { toProblem } from "../domain/junit/to-problem.js";
import { summarize } from "../domain/junit/summarize.js";
import type { TestReport, TestTotals } from "../domain/junit/test-results.js";
import { MAX_IMAGES_JSON_BYTES } from "../domain/images/parse-images-json.js";
import type { Problem } from "../domain/problem.js";
import { batchAnnotations } from "../domain/render/batch-annotations.js";
import { buildAnnotations } from "../domain/render/build-annotations.js";
import type { CheckAnnotation } from "../domain/render/check-annotation.js";
import { renderNoReports } from "../domain/render/render-no-reports.js";
import { renderTestCheck } from "../domain/render/render-test-check.js";
import { ArtifactRejectedError, type ArtifactArchive } from "../ports/artifact-archive.js";
import type { CheckRuns, CheckOutput } from "../ports/check-runs.js";
import type { CiArtifacts } from "../ports/ci-artifacts.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { SourceReader } from "../ports/source-reader.js";
import { describeError } from "./classify-failure.js";
import { readText } from "./read-text.js";

export const MANIFEST_PATH = ".sofie/component.yml";
/** Where the CI workflow puts the built images' references and digests, inside the artifact. */
export const IMAGES_JSON = "images.json";

/** Annotations beyond this many are left out (20 requests of 50); the summary still lists the failures. */
export const MAX_ANNOTATIONS = 1000;

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
  const text = await deps.source.readFile(repo, MANIFEST_PATH, run.headSha);
  if (text === undefined) return { status: "skipped", reason: `no ${MANIFEST_PATH} at ${run.headSha}` };
  const { manifest } = parseManifest(text, MANIFEST_PATH);
  if (!manifest)
    return { status: "skipped", reason: `${MANIFEST_PATH} is invalid (the manifest check reports why)` };
  const workflowFile = run.workflowPath.split("/").pop() ?? "";
  if (workflowFile !== manifest.ci.workflow) {
    return {
      status: "skipped",
      reason: `workflow ${workflowFile} is not the manifest's ${manifest.ci.workflow}`,
    };
  }

  const externalId = `sofie-tests:${run.id}:${run.attempt}`;
  const existing = await deps.checks.find(repo, run.headSha, deps.checkName, externalId);
  if (existing?.status === "completed") return { status: "skipped", reason: "already reported" };
  const checkRunId =
    existing?.id ??
    (await deps.checks.start(repo, {
      name: deps.checkName,
      headSha: run.headSha,
      externalId,
      ...(run.htmlUrl ? { detailsUrl: run.htmlUrl } : {}),
      output: { title: "Reading test results", summary: `Reading the JUnit reports of CI run ${run.id}.` },
    }));

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
  const batches = batchAnnotations(result.annotations, 50);
  // Every batch but the last goes while the run is in progress, so that "completed" means complete.
  for (const batch of batches.slice(0, -1)) {
    await deps.checks.update(repo, checkRunId, { output: { ...result.output, annotations: batch } });
  }
  await deps.checks.update(repo, checkRunId, {
    conclusion: result.conclusion,
    output: { ...result.output, annotations: batches.at(-1) ?? [] },
  });
  return {
    status: "reported",
    checkRunId,
    conclusion: result.conclusion,
    title: result.output.title,
    manifest,
    results: result.results,
  };
}

interface Collected {
  readonly output: CheckOutput;
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
    const isReport = picomatch(manifest.junit, { dot: true });
    const names = archive.entries.map((entry) => entry.name);
    const imagesJson = names.includes(IMAGES_JSON)
      ? await readText(archive.read(IMAGES_JSON), MAX_IMAGES_JSON_BYTES + 1)
      : undefined;
    const extra = imagesJson === undefined ? {} : { imagesJson };
    const matched = names.filter((name) => isReport(name));
    // An entry the reader refused (a link, encrypted, over a cap) is never read; one the glob
    // matches might hide failures, so it counts as an unreadable report, and the others are listed.
    const refusedReports = archive.rejected.filter((entry) => isReport(entry.name));
    const notRead = archive.rejected.filter((entry) => !isReport(entry.name));
    if (matched.length === 0 && refusedReports.length === 0) {
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
    const reports: TestReport[] = [];
    const parseProblems: Problem[] = refusedReports.map((entry) => ({
      file: entry.name,
      line: 1,
      column: 1,
      message: `not read: ${entry.reason}; upload the report as a plain file`,
      severity: "error",
    }));
    for (const name of matched) {
      try {
        reports.push(await parseJunit(archive.read(name), { file: name }));
      } catch (error) {
        if (error instanceof JunitParseError) parseProblems.push(toProblem(error));
        else if (error instanceof ArtifactRejectedError) {
          parseProblems.push({ file: name, line: 1, column: 1, message: error.reason, severity: "error" });
        } else throw error;
      }
    }
    const totals = summarize(reports);
    const annotations =
      totals.failures + totals.errors > 0
        ? buildAnnotations(reports, await deps.source.listPaths(repo, run.headSha), {
            maxAnnotations: MAX_ANNOTATIONS,
          })
        : [];
    const rendered = renderTestCheck({
      reports,
      parseProblems,
      notRead,
      annotations,
      context: { ...where, ...(run.htmlUrl ? { runUrl: run.htmlUrl } : {}) },
    });
    return {
      output: { title: rendered.title, summary: rendered.summary },
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
  return {
    output: { title: rendered.title, summary: rendered.summary },
    conclusion: rendered.conclusion,
    annotations: [],
    results: { reportsFound: false, parseErrors: 0, ...extra },
  };
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
    output: { title: rendered.title, summary: rendered.summary },
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
    output: {
      title: `${result.output.title} (not recorded)`,
      summary: `${result.output.summary}\n\n> [!WARNING]\n> These results could not be recorded for the component's level (${reason}). Re-run the workflow to record them.`,
    },
  };
}

/** "GitHub answered 410: Artifact has expired", or the network error, in one line. */
function downloadFailure(error: unknown): string {
  const message = describeError(error);
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? `GitHub answered ${status}: ${message}` : message;
}
