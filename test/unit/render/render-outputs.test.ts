/**
 * Renders the status issue and the maturity check for three scenarios and writes them to
 * test/__outputs__/ (committed) so that reviewers read the real text in the diff.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { renderStatusIssue } from "../../../src/domain/render/render-status-issue.js";
import { renderMaturityCheck } from "../../../src/domain/render/render-maturity-check.js";
import { readMarker } from "../../../src/domain/render/marker.js";
import { evaluateMaturity } from "../../../src/domain/maturity/evaluate-maturity.js";
import { evaluatePullRequest } from "../../../src/domain/maturity/evaluate-pull-request.js";
import { DEFAULT_LADDER } from "../../../src/domain/maturity/default-ladder.js";
import { COMMANDS } from "../../../src/domain/commands/commands.js";
import {
  BUILT_AND_TESTED,
  LOWERED_BY_FAILING_BUILD,
  NEW_COMPONENT,
} from "../../helpers/maturity-evidence.js";

const OUT = new URL("../../__outputs__/", import.meta.url);

function write(name: string, text: string): void {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(new URL(name, OUT), text);
}

const scenarios = [
  { name: "new-component", evidence: NEW_COMPONENT, previousLevel: undefined, level: 0 },
  { name: "level-2", evidence: BUILT_AND_TESTED, previousLevel: 1, level: 2 },
  { name: "lowered", evidence: LOWERED_BY_FAILING_BUILD, previousLevel: 2, level: 1 },
] as const;

describe.each(scenarios)("scenario $name", ({ name, evidence, previousLevel, level }) => {
  const evaluation = evaluateMaturity(DEFAULT_LADDER, evidence, {
    now: "2026-11-25T12:00:00Z",
    ...(previousLevel === undefined ? {} : { previousLevel }),
  });

  it("renders the status issue", () => {
    const issue = renderStatusIssue({
      repoFullName: "sofie-iot/flexibility-gateway",
      component: "flexibility-gateway",
      evaluation,
      commands: COMMANDS,
      updatedAt: "2026-11-25T12:00:00Z",
    });
    write(`status-issue-${name}.md`, `<!-- title: ${issue.title} -->\n\n${issue.body}`);
    expect(issue.title).toBe(`SOFIE status: level ${level} (${evaluation.levelName})`);
    expect(issue.body.startsWith("<!-- sofie:status-issue -->\n")).toBe(true);
    expect(readMarker(issue.body, "hash")).toBe(issue.hash);
    expect(issue.body.length).toBeLessThan(65_535);
    expect(issue.truncated).toBe(false);
    const checked = (issue.body.match(/^- \[x\]/gm) ?? []).length;
    const met = evaluation.levels.flatMap((l) => l.requirements).filter((r) => r.state === "met").length;
    expect(checked).toBe(met);
  });

  it("renders the maturity check", () => {
    const check = renderMaturityCheck(evaluation);
    write(
      `maturity-check-${name}.md`,
      `<!-- title: ${check.title} | conclusion: ${check.conclusion} -->\n\n${check.summary}\n`,
    );
    expect(check.title).toBe(`Level ${level}: ${evaluation.levelName}`);
    expect(check.conclusion).toBe(level >= 2 ? "success" : "neutral");
  });
});

describe("maturity check for a pull request", () => {
  it("says what the PR would do to the level", () => {
    const effect = evaluatePullRequest(DEFAULT_LADDER, BUILT_AND_TESTED, LOWERED_BY_FAILING_BUILD);
    const evaluation = evaluateMaturity(DEFAULT_LADDER, LOWERED_BY_FAILING_BUILD);
    const check = renderMaturityCheck(evaluation, effect);
    write(
      "maturity-check-pull-request-lowers.md",
      `<!-- title: ${check.title} | conclusion: ${check.conclusion} -->\n\n${check.summary}\n`,
    );
    expect(check.title).toBe("Level 2 → 1: Connected");
    expect(check.conclusion).toBe("neutral");
    expect(check.summary).toContain(
      "This pull request would **lower** the level from 2 (Built and tested) to 1",
    );
    // The verdict says the level falls; a warning saying it again would be the same fact twice.
    expect(check.summary).not.toContain("[!WARNING]");
    expect(renderMaturityCheck(evaluation, effect, { ratchet: true }).conclusion).toBe("failure");
    const raise = evaluatePullRequest(DEFAULT_LADDER, LOWERED_BY_FAILING_BUILD, BUILT_AND_TESTED);
    const green = renderMaturityCheck(evaluateMaturity(DEFAULT_LADDER, BUILT_AND_TESTED), raise, {
      ratchet: true,
    });
    expect([green.title, green.conclusion]).toEqual(["Level 1 → 2: Built and tested", "success"]);
  });
});

describe("a lowered level", () => {
  const evaluation = evaluateMaturity(DEFAULT_LADDER, LOWERED_BY_FAILING_BUILD, {
    now: "2026-11-25T12:00:00Z",
    previousLevel: 2,
  });
  const issue = renderStatusIssue({
    repoFullName: "sofie-iot/flexibility-gateway",
    evaluation,
    commands: COMMANDS,
  }).body;
  const check = renderMaturityCheck(evaluation).summary;
  // The two facts behind the drop: the run failed, and two of its tests failed.
  const runFailed = /def5678\) failed/g;
  const testsFailed = /\b2\b[^;\n]*tests? failed/g;
  const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

  it.each([
    ["status issue", issue, "## Checklist"],
    ["maturity check", check, "<details><summary>Every requirement"],
  ])("states each reason once in the %s's warning and next steps", (_name, text, checklistStart) => {
    const [head = "", checklist = ""] = text.split(checklistStart);
    expect(head).toContain("[!WARNING]");
    expect(count(head, runFailed)).toBe(1);
    expect(count(head, testsFailed)).toBe(1);
    // The checklist is the full record: each requirement's reason once, and the run's line says nothing of tests.
    expect(count(checklist, runFailed)).toBe(1);
    expect(count(checklist, testsFailed)).toBe(1);
  });
});
