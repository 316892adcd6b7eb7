import { summarize } from "../../../src/domain/junit/summarize.js";
import type { TestReport } from "../../../src/domain/junit/test-results.js";

describe("summarize", () => {
  it("derives totals from the cases through nested suites and over reports", () => {
    const reports: TestReport[] = [
      {
        file: "a.xml",
        suites: [
          {
            name: "outer",
            time: 2.5,
            cases: [{ name: "1", outcome: "passed" }],
            suites: [
              {
                name: "inner",
                time: 1,
                cases: [
                  { name: "2", outcome: "failed" },
                  { name: "3", outcome: "skipped" },
                ],
                suites: [],
              },
            ],
          },
        ],
      },
      {
        file: "b.xml",
        suites: [{ name: "b", time: 0.25, cases: [{ name: "4", outcome: "error" }], suites: [] }],
      },
    ];
    expect(summarize(reports)).toEqual({
      tests: 4,
      passed: 1,
      failures: 1,
      errors: 1,
      skipped: 1,
      time: 2.75,
    });
    expect(summarize([])).toEqual({ tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, time: 0 });
  });
});
