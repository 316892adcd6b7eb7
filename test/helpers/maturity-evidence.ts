/** Evidence for the maturity scenarios shared by the evaluation and rendering tests. */
import type { ComponentEvidence } from "../../src/domain/maturity/evidence.js";

export const SHA_A = "abc1234def5678abc1234def5678abc1234def56";
export const SHA_B = "def5678abc1234def5678abc1234def5678abc12";
export const DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/** Installed, manifest merged, nothing pushed yet. */
export const NEW_COMPONENT: ComponentEvidence = {
  installation: { contentsAccess: "read" },
  manifest: { sha: SHA_A, valid: true, problems: [] },
};

/** Everything levels 1 and 2 ask for. */
export const BUILT_AND_TESTED: ComponentEvidence = {
  ...NEW_COMPONENT,
  push: { sha: SHA_A, at: "2026-11-25T10:00:00Z", branch: "main" },
  ci: {
    runId: 1234,
    sha: SHA_A,
    conclusion: "success",
    at: "2026-11-25T10:10:00Z",
    branch: "main",
    reportsFound: true,
    totals: { tests: 147, passed: 144, failures: 0, errors: 0, skipped: 3, time: 12.5 },
    parseErrors: 0,
  },
  images: {
    sha: SHA_A,
    declared: ["flexibility-gateway"],
    built: [{ name: "flexibility-gateway", digest: DIGEST, tags: [SHA_A, "main", "latest"] }],
    expectedTags: { "flexibility-gateway": [SHA_A, "main", "latest"] },
  },
  dockerfile: { sha: SHA_A, findings: [] },
};

/** Level 2 evidence, then a new push whose CI run failed two tests. */
export const LOWERED_BY_FAILING_BUILD: ComponentEvidence = {
  ...BUILT_AND_TESTED,
  push: { sha: SHA_B, at: "2026-11-25T11:00:00Z", branch: "main" },
  ci: {
    runId: 1240,
    sha: SHA_B,
    conclusion: "failure",
    at: "2026-11-25T11:12:00Z",
    branch: "main",
    reportsFound: true,
    totals: { tests: 147, passed: 142, failures: 2, errors: 0, skipped: 3, time: 12.9 },
    parseErrors: 0,
  },
  images: {
    sha: SHA_B,
    declared: ["flexibility-gateway"],
    built: [{ name: "flexibility-gateway", digest: DIGEST, tags: [SHA_B, "main", "latest"] }],
    expectedTags: { "flexibility-gateway": [SHA_B, "main", "latest"] },
  },
  dockerfile: { sha: SHA_B, findings: [] },
};
