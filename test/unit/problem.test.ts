import { formatProblem } from "../../src/domain/problem.js";

describe("formatProblem", () => {
  it("prints file:line:col message", () => {
    expect(formatProblem({ file: "a.yml", line: 3, column: 5, message: "bad", severity: "error" })).toBe(
      "a.yml:3:5 bad",
    );
  });
});
