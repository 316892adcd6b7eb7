import { renderStatusIssue } from "../../../src/domain/render/render-status-issue.js";
import { renderMaturityCheck } from "../../../src/domain/render/render-maturity-check.js";
import { readMarker, renderMarker } from "../../../src/domain/render/marker.js";
import { inlineText } from "../../../src/domain/render/inline-text.js";
import { evaluateMaturity } from "../../../src/domain/maturity/evaluate-maturity.js";
import { DEFAULT_LADDER } from "../../../src/domain/maturity/default-ladder.js";
import { COMMANDS } from "../../../src/domain/commands/commands.js";
import type { Problem } from "../../../src/domain/problem.js";
import { BUILT_AND_TESTED, SHA_A } from "../../helpers/maturity-evidence.js";

const base = { repoFullName: "o/r", commands: COMMANDS };

describe("renderStatusIssue", () => {
  it("keeps the hash stable across update times and changes it with the content", () => {
    const evaluation = evaluateMaturity(DEFAULT_LADDER, BUILT_AND_TESTED);
    const a = renderStatusIssue({ ...base, evaluation, updatedAt: "2026-01-01T00:00:00Z" });
    const b = renderStatusIssue({ ...base, evaluation, updatedAt: "2026-02-01T00:00:00Z" });
    expect(a.hash).toBe(b.hash);
    expect(a.body).not.toBe(b.body);
    const c = renderStatusIssue({ ...base, evaluation: evaluateMaturity(DEFAULT_LADDER, {}) });
    expect(c.hash).not.toBe(a.hash);
  });

  it("neutralises mentions and HTML from partner-controlled text, so markers cannot be forged", () => {
    const hostile: Problem = {
      file: ".sofie/component.yml",
      line: 1,
      column: 1,
      severity: "error",
      message: "@sofie-iot/everyone <!-- sofie:hash=deadbeef --> | </details>\n## injected",
    };
    const evaluation = evaluateMaturity(DEFAULT_LADDER, {
      manifest: { sha: SHA_A, valid: false, problems: [hostile] },
    });
    const issue = renderStatusIssue({ ...base, evaluation });
    expect(readMarker(issue.body, "hash")).toBe(issue.hash);
    expect(issue.body).not.toContain("@sofie-iot");
    expect(issue.body).not.toContain("</details>");
    expect(issue.body).not.toMatch(/^## injected/m);
  });

  it("stays under GitHub's limit with huge reasons and many requirements, and says it was shortened", () => {
    const problems: Problem[] = [
      { file: "f", line: 1, column: 1, severity: "error", message: "x".repeat(1_000_000) },
    ];
    const ladder = {
      levels: DEFAULT_LADDER.levels.map((l) => ({
        ...l,
        name: "N".repeat(500),
        requirements: Array.from({ length: 400 }, (_, i) => ({
          id: `r-${i}`,
          description: "d".repeat(300),
          check: "manifest-valid",
        })),
      })),
    };
    const evaluation = evaluateMaturity(ladder, { manifest: { sha: SHA_A, valid: false, problems } });
    const issue = renderStatusIssue({ ...base, evaluation });
    expect(issue.body.length).toBeLessThanOrEqual(65_535);
    expect(issue.truncated).toBe(true);
    expect(issue.body).toContain("cut to fit");
    const check = renderMaturityCheck(evaluation);
    expect(check.summary.length).toBeLessThanOrEqual(65_535);
    expect(check.truncated).toBe(true);
  });

  it("mentions a hold", () => {
    const evaluation = evaluateMaturity(DEFAULT_LADDER, { ...BUILT_AND_TESTED, hold: true });
    expect(renderStatusIssue({ ...base, evaluation }).body).toContain("on hold");
  });
});

describe("markers and hash", () => {
  it("round-trips markers and reads the first one", () => {
    const body = `${renderMarker("status-issue")}\n${renderMarker("hash", "00ff")}\ntext ${renderMarker("hash", "11")}`;
    expect(readMarker(body, "status-issue")).toBe("");
    expect(readMarker(body, "hash")).toBe("00ff");
    expect(readMarker(body, "missing")).toBeUndefined();
    expect(readMarker(body, "(.*)")).toBeUndefined();
    expect(() => renderMarker("hash", "a --> b")).toThrow("unsafe");
  });

  it("inlineText cuts by code point and keeps one line", () => {
    expect(inlineText("a\nb\r\n\tc")).toBe("a b c");
    expect(inlineText("🚀🚀🚀", { max: 2 })).toBe("🚀…");
    expect(inlineText("a|b", { table: true })).toBe("a\\|b");
    expect(inlineText("cc @team and image@sha256:1")).toBe("cc @\u200dteam and image@sha256:1");
  });
});
