/** Level 2 checks: the latest CI run passed, images were built and tagged, Dockerfiles are parametrised, tests ran. */
import { formatProblem } from "../problem.js";
import type { CiEvidence, ComponentEvidence } from "./evidence.js";
import { type BuiltInCheck, met, unmet, shortSha, shortDigest, plural, branchOf } from "./built-in-check.js";

function ended(conclusion: string): string {
  switch (conclusion) {
    case "failure":
      return "failed";
    case "cancelled":
      return "was cancelled";
    case "timed_out":
      return "timed out";
    case "startup_failure":
      return "failed to start";
    default:
      return `ended with "${conclusion}"`;
  }
}

/** "2 tests failed and 1 errored", or "" when the totals say nothing bad. */
function testTrouble(ci: CiEvidence): string {
  const t = ci.totals;
  if (!t) return "";
  const parts: string[] = [];
  if (t.failures > 0) parts.push(`${plural(t.failures, "test")} failed`);
  if (t.errors > 0) parts.push(`${plural(t.errors, "test")} errored`);
  return parts.join(" and ");
}

function noRun(evidence: ComponentEvidence): string {
  return `no completed CI run on ${branchOf(evidence)} has been recorded yet`;
}

export const ciPassed: BuiltInCheck = (evidence) => {
  const ci = evidence.ci;
  if (!ci) return unmet(noRun(evidence));
  if (ci.conclusion === "success") return met(`CI run ${ci.runId} on ${shortSha(ci.sha)} succeeded`);
  // Failed tests are junit-found's to report: said here too, the checklist and the warning said them twice.
  return unmet(
    `the latest CI run on ${branchOf(evidence)} (run ${ci.runId}, ${shortSha(ci.sha)}) ${ended(ci.conclusion)}`,
  );
};

export const imagesBuilt: BuiltInCheck = (evidence) => {
  const { ci, images } = evidence;
  if (!ci) return unmet(noRun(evidence));
  if (!images) return unmet(`no images.json was recorded for CI run ${ci.runId}`);
  if (images.sha !== ci.sha)
    return unmet(
      `images.json is from ${shortSha(images.sha)}, not from the latest CI run (${shortSha(ci.sha)})`,
    );
  // Untrusted input that contradicts itself or points elsewhere is refused whole: nothing of it is believed.
  if (images.problems && images.problems.length > 0)
    return unmet(`images.json of CI run ${ci.runId} is refused: ${images.problems.join("; ")}`);
  // A component with no image cannot go further than level 2, so an empty list is not "vacuously built".
  if (images.declared.length === 0) return unmet("the manifest declares no images");
  const issues: string[] = [];
  const done: string[] = [];
  for (const name of images.declared) {
    const built = images.built.find((b) => b.name === name);
    if (!built) {
      issues.push(`${name} is not in images.json`);
      continue;
    }
    if (!built.digest) {
      issues.push(`${name} has no digest recorded`);
      continue;
    }
    const missing = (images.expectedTags[name] ?? []).filter((tag) => !built.tags.includes(tag));
    if (missing.length > 0) {
      issues.push(`${name} is missing ${missing.length === 1 ? "tag" : "tags"} ${missing.join(", ")}`);
      continue;
    }
    done.push(`${name}@${shortDigest(built.digest)}`);
  }
  if (issues.length > 0) return unmet(`in CI run ${ci.runId}: ${issues.join("; ")}`);
  return met(`${plural(done.length, "image")} built and tagged in CI run ${ci.runId}: ${done.join(", ")}`);
};

export const imagesParametrised: BuiltInCheck = (evidence) => {
  const check = evidence.dockerfile;
  if (!check) return unmet("the Dockerfile parametrisation check has not run yet");
  // Warnings are advice; only errors (hard-coded addresses or ports) hold the level back.
  const errors = check.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) {
    const first = errors[0];
    return unmet(
      `the Dockerfile check on ${shortSha(check.sha)} found ${plural(errors.length, "hard-coded value")}` +
        (first ? `; first: ${formatProblem(first)}` : ""),
    );
  }
  const warnings = check.findings.length;
  return met(
    `the Dockerfile check passed on ${shortSha(check.sha)}` +
      (warnings > 0 ? ` with ${plural(warnings, "warning")}` : ""),
  );
};

export const junitFound: BuiltInCheck = (evidence) => {
  const ci = evidence.ci;
  if (!ci) return unmet(noRun(evidence));
  if (ci.readError)
    return unmet(
      `the results of CI run ${ci.runId} could not be downloaded (${ci.readError}); re-run the workflow`,
    );
  if (!ci.reportsFound)
    return unmet(
      `no JUnit reports were found at the manifest's junit path in the results of CI run ${ci.runId}`,
    );
  // A report we could not read might hide failures, so it holds the level back.
  if (ci.parseErrors > 0)
    return unmet(`${plural(ci.parseErrors, "JUnit report")} of CI run ${ci.runId} could not be read`);
  const t = ci.totals;
  if (!t || t.tests === 0) return unmet(`the JUnit reports of CI run ${ci.runId} contain no tests`);
  const trouble = testTrouble(ci);
  if (trouble) return unmet(`in CI run ${ci.runId}, ${trouble} (of ${t.tests})`);
  return met(
    `${plural(t.tests, "test")} in CI run ${ci.runId}: ${t.passed} passed, ${t.skipped} skipped, none failed`,
  );
};
