/** Level 1 checks: the app is installed, a valid manifest is on the default branch, a push arrived. */
import { formatProblem } from "../problem.js";
import { type BuiltInCheck, met, unmet, shortSha, plural, branchOf } from "./built-in-check.js";
import { MANIFEST_PATH } from "../names.js";

export const appInstalled: BuiltInCheck = (evidence) => {
  const access = evidence.installation?.contentsAccess;
  if (access === undefined) return unmet("the SOFIE app is not installed on this repository yet");
  if (access === "none")
    return unmet("the app is installed without access to repository contents: grant it read access");
  if (access === "write")
    return met("the app is installed with contents access (write; read-only is enough)");
  return met("the app is installed with read-only contents access");
};

export const manifestValid: BuiltInCheck = (evidence) => {
  const manifest = evidence.manifest;
  if (!manifest)
    return unmet(`no ${MANIFEST_PATH} on the default branch yet: merge the onboarding pull request`);
  const errors = manifest.problems.filter((p) => p.severity === "error");
  if (!manifest.valid || errors.length > 0) {
    const first = errors[0] ?? manifest.problems[0];
    const count = Math.max(errors.length, 1);
    return unmet(
      `the manifest on the default branch (${shortSha(manifest.sha)}) is invalid: ${plural(count, "problem")}` +
        (first ? `; first: ${formatProblem(first)}` : ""),
    );
  }
  const warnings = manifest.problems.length;
  return met(
    `a valid manifest is on the default branch (${shortSha(manifest.sha)})` +
      (warnings > 0 ? ` with ${plural(warnings, "warning")}` : ""),
  );
};

export const pushReceived: BuiltInCheck = (evidence) => {
  const push = evidence.push;
  if (!push) return unmet(`no push to ${branchOf(evidence)} has been received yet: push a commit`);
  return met(
    `a push to ${push.branch ?? "the watched branch"} (${shortSha(push.sha)}) was received at ${push.at}`,
  );
};
