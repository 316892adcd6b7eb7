import { evaluateMaturity } from "../../../src/domain/maturity/evaluate-maturity.js";
import { DEFAULT_LADDER, defaultLadder } from "../../../src/domain/maturity/default-ladder.js";
import { BUILT_IN_CHECKS } from "../../../src/domain/maturity/built-in-checks.js";
import type { ComponentEvidence } from "../../../src/domain/maturity/evidence.js";
import type { MaturityEvaluation } from "../../../src/domain/maturity/maturity-evaluation.js";
import {
  BUILT_AND_TESTED,
  DIGEST,
  LOWERED_BY_FAILING_BUILD,
  NEW_COMPONENT,
  SHA_A,
} from "../../helpers/maturity-evidence.js";

function requirement(evaluation: MaturityEvaluation, id: string) {
  const found = evaluation.levels.flatMap((l) => l.requirements).find((r) => r.id === id);
  if (!found) throw new Error(`no requirement ${id}`);
  return found;
}

describe("the default ladder", () => {
  it("has levels 1..7 with SPEC's names, kebab-case ids and only built-in checks", () => {
    expect(DEFAULT_LADDER.levels.map((l) => `${l.level} ${l.name}`)).toEqual([
      "1 Connected",
      "2 Built and tested",
      "3 In the registry",
      "4 Staged",
      "5 Integration-tested",
      "6 In production",
      "7 Operated",
    ]);
    for (const r of DEFAULT_LADDER.levels.flatMap((l) => l.requirements)) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Object.keys(BUILT_IN_CHECKS)).toContain(r.check);
    }
    expect(DEFAULT_LADDER.levels.map((l) => l.gate.command ?? l.gate.by)).toEqual([
      "developers",
      "developers",
      "/promote",
      "/promote staging",
      "automatic",
      "/promote production",
      "automatic",
    ]);
  });

  it("takes level 7's day count from the policy", () => {
    const seven = defaultLadder({ healthyDays: 14 }).levels[6];
    expect(seven?.requirements[0]?.params).toEqual({ days: 14 });
    expect(seven?.requirements[0]?.description).toContain("14 days");
  });
});

describe("evaluateMaturity", () => {
  it("is level 0 with nothing recorded, and says what level 1 needs", () => {
    const e = evaluateMaturity(DEFAULT_LADDER, {});
    expect(e.level).toBe(0);
    expect(e.levelName).toBe("Not connected");
    expect(e.next?.level).toBe(1);
    expect(e.next?.missing).toEqual([
      "the SOFIE app is not installed on this repository yet",
      "no .sofie/component.yml on the default branch yet: merge the onboarding pull request",
      "no push to the watched branch has been received yet: push a commit",
    ]);
    expect(e.levels).toHaveLength(7);
    expect(e.lowered).toBeUndefined();
    expect(e.held).toBe(false);
  });

  it("is level 0 until a push arrives, then level 1", () => {
    expect(evaluateMaturity(DEFAULT_LADDER, NEW_COMPONENT).level).toBe(0);
    const e = evaluateMaturity(DEFAULT_LADDER, {
      ...NEW_COMPONENT,
      push: { sha: SHA_A, at: "t", branch: "main" },
    });
    expect(e.level).toBe(1);
    expect(e.levelName).toBe("Connected");
    expect(e.next?.missing[0]).toBe("no completed CI run on main has been recorded yet");
  });

  it("accepts write access but not none", () => {
    const none = evaluateMaturity(DEFAULT_LADDER, { installation: { contentsAccess: "none" } });
    expect(requirement(none, "app-installed").state).toBe("unmet");
    expect(requirement(none, "app-installed").reason).toContain("grant it read access");
    const write = evaluateMaturity(DEFAULT_LADDER, { installation: { contentsAccess: "write" } });
    expect(requirement(write, "app-installed").state).toBe("met");
  });

  it("names the first manifest problem", () => {
    const e = evaluateMaturity(DEFAULT_LADDER, {
      manifest: {
        sha: SHA_A,
        valid: false,
        problems: [
          {
            file: ".sofie/component.yml",
            line: 4,
            column: 3,
            message: "pilot is required",
            severity: "error",
          },
        ],
      },
    });
    expect(requirement(e, "manifest-valid").reason).toBe(
      "the manifest on the default branch (abc1234) is invalid: 1 problem; first: .sofie/component.yml:4:3 pilot is required",
    );
  });

  it("reaches level 2 with every reason saying what was seen", () => {
    const e = evaluateMaturity(DEFAULT_LADDER, BUILT_AND_TESTED);
    expect(e.level).toBe(2);
    expect(e.levelName).toBe("Built and tested");
    expect(requirement(e, "ci-passed").reason).toBe("CI run 1234 on abc1234 succeeded");
    expect(requirement(e, "images-built").reason).toBe(
      "1 image built and tagged in CI run 1234: flexibility-gateway@sha256:0123456789ab",
    );
    expect(requirement(e, "junit-found").reason).toBe(
      "147 tests in CI run 1234: 144 passed, 3 skipped, none failed",
    );
    expect(e.next).toMatchObject({
      level: 3,
      name: "In the registry",
      gate: { by: "maintainers", command: "/promote" },
    });
    expect(e.levels.slice(2).every((l) => !l.met)).toBe(true);
  });

  it("lowers the level when the latest build on the watched branch fails, and says why", () => {
    const e = evaluateMaturity(DEFAULT_LADDER, LOWERED_BY_FAILING_BUILD, { previousLevel: 2 });
    expect(e.level).toBe(1);
    expect(requirement(e, "ci-passed").reason).toBe("the latest CI run on main (run 1240, def5678) failed");
    expect(requirement(e, "junit-found").reason).toBe("in CI run 1240, 2 tests failed (of 147)");
    // Which level fell; why is the next level's missing list, so that no reason is said twice.
    expect(e.lowered).toEqual({ from: 2, reason: "level 2 no longer holds" });
    expect(e.next?.missing).toEqual([
      "the latest CI run on main (run 1240, def5678) failed",
      "in CI run 1240, 2 tests failed (of 147)",
    ]);
    const noPrevious = evaluateMaturity(DEFAULT_LADDER, LOWERED_BY_FAILING_BUILD);
    expect(noPrevious.lowered?.from).toBeUndefined();
    expect(noPrevious.lowered?.reason).toContain("a failing build on the watched branch");
  });

  it("does not blame the build when level 1 is what is missing", () => {
    const e = evaluateMaturity(DEFAULT_LADDER, {
      ...LOWERED_BY_FAILING_BUILD,
      installation: { contentsAccess: "none" },
    });
    expect(e.level).toBe(0);
    expect(e.lowered).toBeUndefined();
  });

  it("does not report a drop when the level did not fall", () => {
    expect(evaluateMaturity(DEFAULT_LADDER, BUILT_AND_TESTED, { previousLevel: 2 }).lowered).toBeUndefined();
    expect(evaluateMaturity(DEFAULT_LADDER, BUILT_AND_TESTED, { previousLevel: 1 }).lowered).toBeUndefined();
  });

  it("says why images are not built: missing, digestless, mistagged, from another run", () => {
    const images = {
      sha: SHA_A,
      declared: ["a", "b", "c"],
      built: [
        { name: "b", tags: ["latest"] },
        { name: "c", digest: DIGEST, tags: ["main"] },
      ],
      expectedTags: { c: ["main", "latest", SHA_A] },
    };
    const e = evaluateMaturity(DEFAULT_LADDER, { ...BUILT_AND_TESTED, images });
    expect(requirement(e, "images-built").reason).toBe(
      `in CI run 1234: a is not in images.json; b has no digest recorded; c is missing tags latest, ${SHA_A}`,
    );
    const stale = evaluateMaturity(DEFAULT_LADDER, {
      ...BUILT_AND_TESTED,
      images: { ...images, sha: "0".repeat(40) },
    });
    expect(requirement(stale, "images-built").reason).toContain("not from the latest CI run");
    const none = evaluateMaturity(DEFAULT_LADDER, {
      ...BUILT_AND_TESTED,
      images: { ...images, declared: [] },
    });
    expect(requirement(none, "images-built").state).toBe("unmet");
  });

  it("holds level 2 back on Dockerfile errors, not warnings", () => {
    const finding = { file: "Dockerfile", line: 7, column: 1, message: "EXPOSE 8080 is hard-coded" };
    const errors = evaluateMaturity(DEFAULT_LADDER, {
      ...BUILT_AND_TESTED,
      dockerfile: { sha: SHA_A, findings: [{ ...finding, severity: "error" }] },
    });
    expect(errors.level).toBe(1);
    expect(requirement(errors, "images-parametrised").reason).toContain(
      "Dockerfile:7:1 EXPOSE 8080 is hard-coded",
    );
    const warnings = evaluateMaturity(DEFAULT_LADDER, {
      ...BUILT_AND_TESTED,
      dockerfile: { sha: SHA_A, findings: [{ ...finding, severity: "warning" }] },
    });
    expect(warnings.level).toBe(2);
    expect(requirement(warnings, "images-parametrised").reason).toContain("with 1 warning");
  });

  it.each<[string, Partial<NonNullable<ComponentEvidence["ci"]>>, string]>([
    ["no reports", { reportsFound: false }, "no JUnit reports were found"],
    ["unparsable reports", { parseErrors: 2 }, "2 JUnit reports of CI run 1234 could not be read"],
    [
      "no tests",
      { totals: { tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, time: 0 } },
      "contain no tests",
    ],
    [
      "errors",
      { totals: { tests: 3, passed: 2, failures: 0, errors: 1, skipped: 0, time: 0 } },
      "1 test errored (of 3)",
    ],
  ])("holds junit-found back on %s", (_name, ci, reason) => {
    const base = BUILT_AND_TESTED.ci;
    if (!base) throw new Error("fixture");
    const e = evaluateMaturity(DEFAULT_LADDER, { ...BUILT_AND_TESTED, ci: { ...base, ...ci } });
    expect(requirement(e, "junit-found").state).toBe("unmet");
    expect(requirement(e, "junit-found").reason).toContain(reason);
    expect(e.level).toBe(1);
  });

  it("describes cancelled and timed-out runs", () => {
    const base = BUILT_AND_TESTED.ci;
    if (!base) throw new Error("fixture");
    for (const [conclusion, text] of [
      ["cancelled", "was cancelled"],
      ["timed_out", "timed out"],
      ["action_required", 'ended with "action_required"'],
    ]) {
      const e = evaluateMaturity(DEFAULT_LADDER, {
        ...BUILT_AND_TESTED,
        ci: { ...base, conclusion: conclusion ?? "" },
      });
      expect(requirement(e, "ci-passed").reason).toContain(text);
    }
  });

  it("is cumulative: higher levels held without level 3 do not count", () => {
    const e = evaluateMaturity(DEFAULT_LADDER, {
      ...BUILT_AND_TESTED,
      staging: { namespace: "ns", digest: DIGEST, at: "t", rolloutAvailable: true },
    });
    expect(e.levels[3]?.met).toBe(true);
    expect(e.level).toBe(2);
  });

  it("reaches level 7 with a clock, and is unknown on healthy days without one", () => {
    const deployed = {
      namespace: "pilot-prod",
      digest: DIGEST,
      at: "2026-11-01T00:00:00Z",
      rolloutAvailable: true,
    };
    const full: ComponentEvidence = {
      ...BUILT_AND_TESTED,
      registry: {
        repositoriesReady: true,
        policyOk: true,
        pushed: { sha: SHA_A, digests: { "flexibility-gateway": DIGEST }, at: "t" },
      },
      staging: { ...deployed, namespace: "pilot-staging" },
      integrationTests: {
        jobName: "it",
        passed: true,
        at: "t",
        totals: { tests: 5, passed: 5, failures: 0, errors: 0, skipped: 0, time: 1 },
      },
      production: deployed,
      operated: { healthySince: "2026-11-10T00:00:00Z", rollbackExercisedAt: "2026-11-12T00:00:00Z" },
    };
    const e = evaluateMaturity(DEFAULT_LADDER, full, { now: "2026-11-25T00:00:00Z" });
    expect(e.level).toBe(7);
    expect(e.next).toBeUndefined();
    const noClock = evaluateMaturity(DEFAULT_LADDER, full);
    expect(noClock.level).toBe(6);
    expect(requirement(noClock, "healthy-days").state).toBe("unknown");
    const recent = evaluateMaturity(DEFAULT_LADDER, full, { now: "2026-11-12T12:00:00Z" });
    expect(requirement(recent, "healthy-days").reason).toBe("healthy in production for 2 days of 7");
    const failedSince = evaluateMaturity(
      DEFAULT_LADDER,
      { ...full, operated: { ...full.operated, lastFailedRolloutAt: "2026-11-24T00:00:00Z" } },
      { now: "2026-11-25T00:00:00Z" },
    );
    expect(requirement(failedSince, "healthy-days").state).toBe("unmet");
  });

  it("levels 3-7 are 'not yet' with a reason when no evidence exists", () => {
    const e = evaluateMaturity(DEFAULT_LADDER, BUILT_AND_TESTED, { now: "2026-11-25T00:00:00Z" });
    for (const level of e.levels.slice(2)) {
      for (const r of level.requirements) {
        expect(r.state).toBe("unmet");
        expect(r.reason.length).toBeGreaterThan(10);
      }
    }
  });

  it("reports hold and is deterministic", () => {
    const e = evaluateMaturity(DEFAULT_LADDER, { ...BUILT_AND_TESTED, hold: true });
    expect(e.held).toBe(true);
    expect(evaluateMaturity(DEFAULT_LADDER, BUILT_AND_TESTED)).toEqual(
      evaluateMaturity(DEFAULT_LADDER, BUILT_AND_TESTED),
    );
  });

  it("never treats a level without requirements as met", () => {
    const ladder = {
      levels: [{ level: 1, name: "Empty", requirements: [], gate: { by: "automatic", description: "" } }],
    } as const;
    expect(evaluateMaturity(ladder, {}).level).toBe(0);
  });
});
