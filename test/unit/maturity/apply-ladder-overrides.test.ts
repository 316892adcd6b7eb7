import { applyLadderOverrides } from "../../../src/domain/maturity/apply-ladder-overrides.js";
import { DEFAULT_LADDER } from "../../../src/domain/maturity/default-ladder.js";
import { evaluateMaturity } from "../../../src/domain/maturity/evaluate-maturity.js";
import { BUILT_AND_TESTED } from "../../helpers/maturity-evidence.js";

describe("applyLadderOverrides", () => {
  it("renames levels and adds requirements to levels 1-3", () => {
    const { ladder, problems } = applyLadderOverrides(DEFAULT_LADDER, {
      2: {
        name: "Green",
        requirements: [{ id: "security-review", description: "a security review was done" }],
      },
    });
    expect(problems).toEqual([]);
    const two = ladder.levels[1];
    expect(two?.name).toBe("Green");
    expect(two?.requirements.map((r) => r.id)).toEqual([
      "ci-passed",
      "images-built",
      "images-parametrised",
      "junit-found",
      "security-review",
    ]);
    // The attested requirement cannot be evaluated, so level 2 is out of reach until a check exists.
    const e = evaluateMaturity(ladder, BUILT_AND_TESTED);
    expect(e.level).toBe(1);
    const attested = e.levels[1]?.requirements.find((r) => r.id === "security-review");
    expect(attested).toMatchObject({
      state: "unknown",
      reason: "needs a check the bot does not know: security-review",
    });
    expect(DEFAULT_LADDER.levels[1]?.name).toBe("Built and tested");
  });

  it("redefines levels 4-7 entirely, reusing built-in checks by id", () => {
    const { ladder, problems } = applyLadderOverrides(DEFAULT_LADDER, {
      "4": {
        name: "Demo",
        requirements: [{ id: "demo-ok", description: "staging is up", check: "staging-deployed" }],
      },
    });
    expect(problems).toEqual([]);
    expect(ladder.levels[3]).toMatchObject({
      name: "Demo",
      requirements: [{ id: "demo-ok", check: "staging-deployed" }],
    });
  });

  it("reports unknown checks and keeps the requirement as attested (harder, never easier)", () => {
    const { ladder, problems } = applyLadderOverrides(
      DEFAULT_LADDER,
      { 3: { requirements: [{ id: "sbom", description: "an SBOM exists", check: "sbom-present" }] } },
      { locate: (path) => (path === "ladder.3.requirements[0].check" ? { line: 12, column: 9 } : undefined) },
    );
    expect(problems).toEqual([
      {
        file: ".github/sofie-integration.yml",
        line: 12,
        column: 9,
        severity: "error",
        path: "ladder.3.requirements[0].check",
        message:
          'unknown check "sbom-present" for requirement "sbom": use a built-in check id or leave check out for an attested requirement',
      },
    ]);
    expect(ladder.levels[2]?.requirements.at(-1)).toEqual({ id: "sbom", description: "an SBOM exists" });
  });

  it("rejects levels outside 1..7 and malformed entries, collecting every problem", () => {
    const { ladder, problems } = applyLadderOverrides(DEFAULT_LADDER, {
      0: { name: "Zero" },
      8: { name: "Eight" },
      "-1": { name: "x" },
      abc: { name: "x" },
      1: { name: "" },
      2: {
        requirements: [
          { id: "Not Kebab", description: "x" },
          { id: "ci-passed", description: "dup" },
        ],
      },
      5: { requirements: [] },
      6: "nonsense" as never,
      7: { requirements: "nope" as never },
    } as never);
    expect(problems.map((p) => p.path)).toEqual([
      "ladder.0",
      "ladder.1.name",
      "ladder.2.requirements[0].id",
      "ladder.2.requirements[1].id",
      "ladder.5.requirements",
      "ladder.6",
      "ladder.7.requirements",
      "ladder.7.requirements",
      "ladder.8",
      "ladder.-1",
      "ladder.abc",
    ]);
    expect(ladder.levels.map((l) => l.name)).toEqual(DEFAULT_LADDER.levels.map((l) => l.name));
    expect(ladder.levels[4]?.requirements).toEqual(DEFAULT_LADDER.levels[4]?.requirements);
  });

  it("caps the requirements per level", () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ id: `r-${i}`, description: "x" }));
    const { ladder, problems } = applyLadderOverrides(DEFAULT_LADDER, { 1: { requirements: many } });
    expect(problems).toHaveLength(1);
    expect(ladder.levels[0]?.requirements).toHaveLength(3 + 20);
  });

  it("survives null, arrays and __proto__ keys", () => {
    expect(applyLadderOverrides(DEFAULT_LADDER, null as never).problems).toEqual([]);
    const evil = JSON.parse('{"__proto__": {"name": "Pwned"}, "constructor": {}}') as never;
    const { ladder, problems } = applyLadderOverrides(DEFAULT_LADDER, evil);
    expect(problems.map((p) => p.path)).toEqual(["ladder.__proto__", "ladder.constructor"]);
    expect(ladder.levels.map((l) => l.name)).toEqual(DEFAULT_LADDER.levels.map((l) => l.name));
    expect(({} as Record<string, unknown>)["name"]).toBeUndefined();
  });

  it("does not treat prototype names as checks", () => {
    const { problems } = applyLadderOverrides(DEFAULT_LADDER, {
      1: { requirements: [{ id: "x", description: "x", check: "constructor" }] },
    });
    expect(problems).toHaveLength(1);
  });
});
