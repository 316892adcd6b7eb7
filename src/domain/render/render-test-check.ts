import { GITHUB_TEXT_LIMIT } from "../limits.js";
import { summarize } from "../junit/summarize.js";
import type { TestReport, TestTotals } from "../junit/test-results.js";
import type { Problem } from "../problem.js";
import type { CheckAnnotation } from "./check-annotation.js";
import { inlineCode } from "./code-block.js";
import { cutText } from "./cut-text.js";
import { formatCount, formatDuration } from "./format-duration.js";
import { renderFailure, FULL_FAILURE, type FailureLimits } from "./render-failure.js";
import {
  renderLevel,
  renderPullRequestLevel,
  type LevelInfo,
  type PullRequestLevel,
} from "./render-level.js";
import { renderEntriesNotRead, type EntryNotRead } from "./render-entries-not-read.js";
import { renderParseProblems } from "./render-parse-problems.js";
import { renderSuiteTable } from "./render-suite-table.js";
import { SummaryBuilder } from "./summary-builder.js";
import { failureEntries, suiteRows, type FailureEntry, type SuiteRow } from "./suite-rows.js";

export interface TestCheckInput {
  readonly reports: readonly TestReport[];
  /** Report files in the artifact that could not be parsed or read; listed, and they fail the check. */
  readonly parseProblems?: readonly Problem[];
  /** Entries of the artifact that were not read and that the glob does not match (so they do not fail the check); listed. */
  readonly notRead?: readonly EntryNotRead[];
  /** The annotations that will go with the check run (only their number is shown). */
  readonly annotations?: readonly CheckAnnotation[];
  readonly level?: LevelInfo;
  readonly pullRequest?: PullRequestLevel;
  readonly context?: { readonly runUrl?: string; readonly artifactName: string; readonly junitGlob: string };
}

export interface TestCheckOptions {
  /** Summary budget in UTF-16 code units (never fewer than GitHub's characters). Default 65,535. */
  readonly maxSummaryBytes?: number;
}

export interface TestCheckRender {
  readonly title: string;
  readonly summary: string;
  /** `failure` on any failure, error, unreadable report or no test at all; never `neutral` here (the union is the API's). */
  readonly conclusion: "success" | "failure" | "neutral";
  /** True when anything of the full report was left out to fit the budget. */
  readonly truncated: boolean;
}

/** The title of the check run: `142 passed, 2 failed, 1 errored, 3 skipped`. */
export function testCheckTitle(totals: TestTotals, unreadable = 0): string {
  const parts = totals.tests === 0 ? ["No tests found"] : [`${formatCount(totals.passed)} passed`];
  if (totals.failures > 0) parts.push(`${formatCount(totals.failures)} failed`);
  if (totals.errors > 0) parts.push(`${formatCount(totals.errors)} errored`);
  if (totals.skipped > 0) parts.push(`${formatCount(totals.skipped)} skipped`);
  if (unreadable > 0)
    parts.push(`${formatCount(unreadable)} ${unreadable === 1 ? "report" : "reports"} unreadable`);
  return parts.join(", ");
}

/** Budget shapes, largest first: all suites and full traces; failing suites only; then cut to fit. */
type Plan = { readonly failingSuitesOnly: boolean; readonly limits: FailureLimits; readonly cut: boolean };
const PLANS: readonly Plan[] = [
  { failingSuitesOnly: false, limits: FULL_FAILURE, cut: false },
  { failingSuitesOnly: true, limits: FULL_FAILURE, cut: false },
  { failingSuitesOnly: true, limits: { maxTraceChars: 1500, maxTraceLines: 20 }, cut: true },
];

/** Room kept for the closing notes of a cut summary. */
const NOTE_RESERVE = 400;

/**
 * Renders the JUnit test-results check run: title, conclusion and a Markdown summary kept within
 * GitHub's limit. The summary is rendered in full when it fits; otherwise only failing suites are
 * listed; otherwise traces are shortened and failures beyond what fits are counted in a note.
 * Parts are measured before they are added, so nothing is ever cut inside a fence or a tag.
 */
export function renderTestCheck(input: TestCheckInput, options: TestCheckOptions = {}): TestCheckRender {
  const max = options.maxSummaryBytes ?? GITHUB_TEXT_LIMIT;
  const totals = summarize(input.reports);
  const problems = input.parseProblems ?? [];
  const title = testCheckTitle(totals, problems.length);
  const failed = totals.failures + totals.errors > 0 || totals.tests === 0 || problems.length > 0;
  const conclusion = failed ? "failure" : "success";

  const tables = input.reports.map((report) => ({ file: report.file, rows: suiteRows(report) }));
  const suiteCount = tables.reduce((n, t) => n + t.rows.length, 0);
  const head = [renderHeadline(title, totals, suiteCount, input, failed)];
  if (problems.length > 0) head.push(renderParseProblems(problems));
  if (input.notRead?.length) head.push(renderEntriesNotRead(input.notRead));
  const tail = input.level ? [renderLevel(input.level)] : [];
  const failures = failureEntries(input.reports);

  for (const plan of PLANS) {
    const summary = compose(plan, { max, head, tail, tables, failures });
    if (summary !== undefined) return { title, summary, conclusion, truncated: plan !== PLANS[0] };
  }
  // Only a budget smaller than the headline itself gets here.
  return { title, summary: cutText(`${failed ? "❌" : "✅"} ${title}`, max), conclusion, truncated: true };
}

interface Material {
  readonly max: number;
  readonly head: readonly string[];
  readonly tail: readonly string[];
  readonly tables: readonly { readonly file: string; readonly rows: readonly SuiteRow[] }[];
  readonly failures: readonly FailureEntry[];
}

function isFailing(row: SuiteRow): boolean {
  return row.failed > 0 || row.errors > 0;
}

/** The summary under one plan, or undefined when the plan does not fit. */
function compose(plan: Plan, m: Material): string | undefined {
  const tailCost = m.tail.reduce((n, part) => n + part.length + 2, 0);
  const body = new SummaryBuilder(m.max - tailCost - (plan.cut ? NOTE_RESERVE : 0));
  for (const part of m.head) if (!body.tryAdd(part)) return undefined;
  const notes: string[] = [];

  const tables = m.tables
    .map((t) => ({ file: t.file, rows: plan.failingSuitesOnly ? t.rows.filter(isFailing) : t.rows }))
    .filter((t) => t.rows.length > 0);
  const hidden =
    m.tables.reduce((n, t) => n + t.rows.length, 0) - tables.reduce((n, t) => n + t.rows.length, 0);
  if (tables.length > 0 && !body.tryAdd(plan.failingSuitesOnly ? "### Failing suites" : "### Suites")) {
    if (!plan.cut) return undefined;
  }
  if (hidden > 0) {
    const note = `_${formatCount(hidden)} passing ${hidden === 1 ? "suite is" : "suites are"} not listed, to keep the summary within GitHub's limit._`;
    if (!body.tryAdd(note) && !plan.cut) return undefined;
  }
  // When cutting, the tables may take at most a fifth of what is left: the failures matter more.
  let tableBudget = plan.cut ? Math.floor(body.remaining / 5) : Infinity;
  let droppedSuites = 0;
  for (const table of tables) {
    // A table that is cut says so itself; one that does not fit at all is counted below.
    const rendered = renderSuiteTable(table.file, table.rows, plan.cut ? tableBudget : Infinity);
    if (rendered.omitted < table.rows.length && body.tryAdd(rendered.text)) {
      tableBudget -= rendered.text.length + 2;
    } else if (plan.cut) droppedSuites += table.rows.length;
    else return undefined;
  }
  if (droppedSuites > 0) {
    const note = `_… ${formatCount(droppedSuites)} more failing suites in other reports not listed._`;
    if (!body.tryAdd(note)) notes.push(note);
  }

  if (m.failures.length > 0) {
    const heading = `### Failures (${formatCount(m.failures.length)})`;
    if (!body.tryAdd(heading) && !plan.cut) return undefined;
    let shown = 0;
    for (const entry of m.failures) {
      if (!body.tryAdd(renderFailure(entry, plan.limits))) break;
      shown++;
    }
    if (shown < m.failures.length) {
      if (!plan.cut) return undefined;
      notes.push(moreFailuresNote(m.failures.length - shown, m.max));
    }
  }
  return [body.toString(), ...notes, ...m.tail].join("\n\n");
}

/** The closing note of a cut summary. */
export function moreFailuresNote(count: number, max: number): string {
  const failures = count === 1 ? "1 more failure" : `${formatCount(count)} more failures`;
  return `_… ${failures} not shown (summary cut to fit GitHub's ${formatCount(max)}-character limit); run \`sofie-bot junit\` on the artifact for all of them._`;
}

const SAFE_URL = /^https?:\/\/[^\s()<>[\]"'`]+$/;

function renderHeadline(
  title: string,
  totals: TestTotals,
  suites: number,
  input: TestCheckInput,
  failed: boolean,
): string {
  const facts = [
    `**${formatCount(totals.tests)} ${totals.tests === 1 ? "test" : "tests"}** in ${formatCount(suites)} ${suites === 1 ? "suite" : "suites"} from ${formatCount(input.reports.length)} ${input.reports.length === 1 ? "report" : "reports"}, ${formatDuration(totals.time)}`,
  ];
  const lines = [`## ${failed ? "❌" : "✅"} ${title}`, "", facts.join("")];
  const context = input.context;
  if (context) {
    let where = `Reports matching ${inlineCode(cutText(context.junitGlob, 200))} in the artifact ${inlineCode(cutText(context.artifactName, 200))}`;
    if (context.runUrl !== undefined && SAFE_URL.test(context.runUrl) && context.runUrl.length <= 2000) {
      where += ` of [the workflow run](${context.runUrl})`;
    }
    lines.push("", `${where}.`);
  }
  const annotated = input.annotations?.length ?? 0;
  if (annotated > 0) {
    lines.push(
      "",
      `📍 ${formatCount(annotated)} ${annotated === 1 ? "failure is" : "failures are"} annotated at the failing line in the code.`,
    );
  }
  if (input.pullRequest) lines.push("", renderPullRequestLevel(input.pullRequest));
  return lines.join("\n");
}
