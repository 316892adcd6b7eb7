import { summarize } from "../../../src/domain/junit/summarize.js";
import type { TestReport } from "../../../src/domain/junit/test-results.js";
import { realisticReports, suite } from "./sample-reports.js";

describe("summarize", () => {
  it("counts every case once, nested suites included", () => {
    expect(summarize(realisticReports())).toEqual({
      tests: 11,
      passed: 7,
      failures: 2,
      errors: 1,
      skipped: 1,
      time: expect.closeTo(0.05 + 1.7 + 0.01 + 0.01 + 0.9, 6),
    });
  });

  it("sums case times for a top-level suite without its own time", () => {
    const reports: TestReport[] = [
      {
        file: "r.xml",
        suites: [
          suite("outer", [{ name: "a", outcome: "passed", time: 1 }], {
            suites: [suite("inner", [{ name: "b", outcome: "skipped", time: 2 }])],
          }),
        ],
      },
    ];
    expect(summarize(reports)).toEqual({ tests: 2, passed: 1, failures: 0, errors: 0, skipped: 1, time: 3 });
    expect(summarize([])).toEqual({ tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, time: 0 });
  });

  it("survives suites nested 100,000 deep", () => {
    let inner = suite("leaf", [{ name: "x", outcome: "failed" }]);
    for (let i = 0; i < 100_000; i++) inner = suite(`s${i}`, [], { suites: [inner] });
    expect(summarize([{ file: "deep.xml", suites: [inner] }]).failures).toBe(1);
  });
});
