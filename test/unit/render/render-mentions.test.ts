/**
 * Partner text with @-mentions in every field, through every rendering of the domain that
 * reaches GitHub: no mention may stay live outside code, and code spans and fences must stay
 * closed. The rendered texts are written to test/__outputs__/mentions-*.md for review.
 */
import type { TestCase, TestReport } from "../../../src/domain/junit/test-results.js";
import type { Problem } from "../../../src/domain/problem.js";
import { DEFAULT_LADDER } from "../../../src/domain/maturity/default-ladder.js";
import { evaluateMaturity } from "../../../src/domain/maturity/evaluate-maturity.js";
import { evaluatePullRequest } from "../../../src/domain/maturity/evaluate-pull-request.js";
import type { Ladder } from "../../../src/domain/maturity/ladder.js";
import { COMMANDS } from "../../../src/domain/commands/commands.js";
import { buildAnnotations } from "../../../src/domain/render/build-annotations.js";
import { renderLevelChecklist } from "../../../src/domain/render/render-level-checklist.js";
import { renderMaturityCheck } from "../../../src/domain/render/render-maturity-check.js";
import { renderNoReports } from "../../../src/domain/render/render-no-reports.js";
import { renderStatusIssue } from "../../../src/domain/render/render-status-issue.js";
import { renderTestCheck } from "../../../src/domain/render/render-test-check.js";
import { liveMentions } from "../../helpers/live-mentions.js";
import { BUILT_AND_TESTED, SHA_A, SHA_B } from "../../helpers/maturity-evidence.js";
import { markdownProblems } from "./markdown-checks.js";
import { suite, writeOutput } from "./sample-reports.js";

const USER = "@octocat";
const TEAM = "@sofie-iot/lmf-maintainers";
/** Mentions where a naive escaper lets them through: after a backtick, a bracket, a slash, at a line start. */
const TRICKS = `${USER} (${TEAM}) \`${USER} [${USER}] /${USER} "${TEAM}"`;

function failing(name: string, extra: Partial<TestCase> = {}): TestCase {
  return {
    name,
    classname: `com.${USER}.Test`,
    file: "src/mentions.test.ts",
    line: 3,
    outcome: "failed",
    fault: {
      kind: "failure",
      type: `${USER}\`Error`,
      message: `expected ${USER} to ping ${TEAM}\n${TRICKS}`,
      details: `at ${USER} (src/mentions.test.ts:3:1)\n\`\`\`\ncc ${TEAM}\n\`\`\``,
      truncated: false,
    },
    skipMessage: `skipped by ${USER}`,
    ...extra,
  };
}

function hostileReports(): TestReport[] {
  return [
    {
      file: `reports/${USER}\`.xml`,
      suites: [
        suite(`${TEAM} suite`, [failing(`pings ${USER}`), failing(TRICKS)], {
          suites: [suite(`nested ${USER}`, [{ name: `ok ${USER}`, outcome: "passed" }])],
        }),
      ],
    },
  ];
}

const PROBLEM: Problem = {
  file: `reports/${USER}-broken.xml`,
  line: 2,
  column: 5,
  message: `unclosed tag <x> near "${TEAM}"`,
  severity: "error",
};

/** Evidence whose every reason echoes partner text: manifest problems, Dockerfile findings, images.json. */
const EVIDENCE = {
  ...BUILT_AND_TESTED,
  manifest: {
    sha: SHA_B,
    valid: false,
    problems: [
      { ...PROBLEM, file: ".sofie/component.yml", message: `component: "${USER}" is not a DNS label` },
    ],
  },
  dockerfile: {
    sha: SHA_B,
    findings: [{ ...PROBLEM, file: "Dockerfile", message: `hard-coded address in "ENV PING=${TEAM}"` }],
  },
  images: {
    sha: SHA_A, // the CI run's commit, so that the image names and tags are read

    declared: [`img-${USER}`],
    built: [{ name: `img-${USER}`, tags: [] }],
    expectedTags: { [`img-${USER}`]: [`tag-${TEAM}`] },
  },
};

/** A policy's ladder with mentions in level names and requirement descriptions (not partner text, but shown alike). */
const LADDER: Ladder = {
  levels: DEFAULT_LADDER.levels.map((level) => ({
    ...level,
    name: `${level.name} ${USER}`,
    requirements: level.requirements.map((r) => ({ ...r, description: `${r.description} ${TEAM}` })),
  })),
};

function expectNoLiveMention(name: string, markdown: string, tableColumns = 7): void {
  writeOutput(`mentions-${name}`, markdown);
  expect(liveMentions(markdown)).toEqual([]);
  // Our own hidden markers are the only HTML allowed through.
  expect(markdownProblems(markdown.replace(/<!-- sofie:[\w:=-]+ -->/g, ""), tableColumns)).toEqual([]);
}

describe("partner text with @-mentions", () => {
  it("stays inert in the test check run, its title and its annotations' title and message", () => {
    const reports = hostileReports();
    const annotations = buildAnnotations(reports, ["src/mentions.test.ts"]);
    const result = renderTestCheck({
      reports,
      parseProblems: [PROBLEM],
      notRead: [{ name: `logs/${USER}.log`, reason: `a symbolic link to ${TEAM}` }],
      annotations,
      level: { current: 1, name: `Connected ${USER}`, missing: [`ask ${TEAM}`] },
      context: { artifactName: `${USER}-results`, junitGlob: `${USER}/**/*.xml` },
    });
    expectNoLiveMention("test-check", result.summary);
    expect(liveMentions(result.title, { plain: true })).toEqual([]);
    expect(annotations).toHaveLength(2);
    for (const annotation of annotations) {
      expect(liveMentions(`${annotation.title}\n${annotation.message}`, { plain: true })).toEqual([]);
      // raw_details is a trace shown as plain, monospaced text, like the summary's code blocks: verbatim.
      expect(annotation.raw_details).toContain(`at ${USER} (src/mentions.test.ts:3:1)`);
    }
    // The trace is shown verbatim inside a fence its backticks cannot close.
    expect(result.summary).toContain(`cc ${TEAM}`);
  });

  it("stays inert when there are no reports to show", () => {
    const base = { junitGlob: `${USER}/*.xml`, artifactName: `${USER}-results` };
    const renders = [
      renderNoReports({ ...base, found: [], reason: "no-artifact", runConclusion: USER }),
      renderNoReports({ ...base, found: [], reason: "rejected", detail: `refused by ${TEAM}` }),
      renderNoReports({
        ...base,
        found: [`${USER}.xml`],
        reason: "no-match",
        rejected: [{ name: `${USER}.log`, reason: `linked to ${TEAM}` }],
      }),
    ];
    expectNoLiveMention("no-reports", renders.map((r) => r.summary).join("\n\n---\n\n"));
    for (const r of renders) expect(liveMentions(r.title, { plain: true })).toEqual([]);
  });

  it("stays inert in the maturity check, the status issue and the checklist of /status", () => {
    const evaluation = evaluateMaturity(LADDER, EVIDENCE, { now: "2026-11-25T12:00:00Z", previousLevel: 2 });
    const check = renderMaturityCheck(evaluation, evaluatePullRequest(LADDER, BUILT_AND_TESTED, EVIDENCE));
    const issue = renderStatusIssue({
      repoFullName: "sofie-iot/gw",
      component: USER,
      evaluation,
      commands: COMMANDS,
    });
    expectNoLiveMention("maturity-check", check.summary, 5);
    expectNoLiveMention("status-issue", issue.body, 3);
    expect(liveMentions(`${check.title}\n${issue.title}`, { plain: true })).toEqual([]);
    expect(liveMentions(renderLevelChecklist(evaluation, { detail: "full", reasonChars: 500 }))).toEqual([]);
  });
});
