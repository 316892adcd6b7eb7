import { evaluatePullRequest } from "../../../src/domain/maturity/evaluate-pull-request.js";
import { DEFAULT_LADDER } from "../../../src/domain/maturity/default-ladder.js";
import { BUILT_AND_TESTED, LOWERED_BY_FAILING_BUILD } from "../../helpers/maturity-evidence.js";

describe("evaluatePullRequest", () => {
  it("says a PR whose build fails would lower the level, and which requirements change", () => {
    const effect = evaluatePullRequest(DEFAULT_LADDER, BUILT_AND_TESTED, LOWERED_BY_FAILING_BUILD);
    expect(effect).toMatchObject({
      before: 2,
      beforeName: "Built and tested",
      after: 1,
      afterName: "Connected",
    });
    expect(effect.changes.map((c) => `${c.id}: ${c.before} -> ${c.after}`)).toEqual([
      "ci-passed: met -> unmet",
      "junit-found: met -> unmet",
    ]);
  });

  it("says a PR that fixes the build would raise it", () => {
    const effect = evaluatePullRequest(DEFAULT_LADDER, LOWERED_BY_FAILING_BUILD, BUILT_AND_TESTED);
    expect([effect.before, effect.after]).toEqual([1, 2]);
    expect(effect.changes[0]?.reason).toBe("CI run 1234 on abc1234 succeeded");
  });

  it("reports no changes for the same evidence", () => {
    expect(evaluatePullRequest(DEFAULT_LADDER, BUILT_AND_TESTED, BUILT_AND_TESTED).changes).toEqual([]);
  });
});
