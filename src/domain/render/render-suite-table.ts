import { inlineCode } from "./code-block.js";
import { cutText } from "./cut-text.js";
import { formatCount, formatDuration } from "./format-duration.js";
import { escapeTableCell } from "./markdown-escape.js";
import type { SuiteRow } from "./suite-rows.js";

const MAX_SUITE_NAME = 200;
const HEADER = "| | Suite | Passed | Failed | Errored | Skipped | Time |\n|:-:|:--|--:|--:|--:|--:|--:|";

/** A suite table that fits, and how many rows it left out. */
export interface SuiteTable {
  readonly text: string;
  readonly omitted: number;
}

function icon(row: SuiteRow): string {
  if (row.failed > 0 || row.errors > 0) return "❌";
  if (row.passed === 0 && row.skipped > 0) return "⏭️";
  return "✅";
}

function suiteName(path: readonly string[]): string {
  return path.map((name) => escapeTableCell(cutText(name, MAX_SUITE_NAME))).join(" › ");
}

function zeroAsDash(n: number): string {
  return n === 0 ? "" : formatCount(n);
}

/** One table row for a suite; zero counts other than passed are left blank so failures stand out. */
export function renderSuiteRow(row: SuiteRow): string {
  return `| ${icon(row)} | ${suiteName(row.path)} | ${formatCount(row.passed)} | ${zeroAsDash(row.failed)} | ${zeroAsDash(row.errors)} | ${zeroAsDash(row.skipped)} | ${formatDuration(row.time)} |`;
}

/**
 * The table of one report's suites, headed by the report's file name. Rows are added while the
 * table stays within `maxChars`; the rest are counted in a closing line.
 */
export function renderSuiteTable(
  reportFile: string,
  rows: readonly SuiteRow[],
  maxChars = Infinity,
): SuiteTable {
  const heading = `**${inlineCode(cutText(reportFile, MAX_SUITE_NAME))}**`;
  const lines = [heading, "", HEADER];
  let size = heading.length + HEADER.length + 2;
  const reserve = 80; // the closing line when rows are left out
  let shown = 0;
  for (const row of rows) {
    const line = renderSuiteRow(row);
    if (size + line.length + 1 + reserve > maxChars) break;
    lines.push(line);
    size += line.length + 1;
    shown++;
  }
  const omitted = rows.length - shown;
  if (omitted > 0) lines.push("", `_… ${formatCount(omitted)} more suites of this report not listed._`);
  return { text: lines.join("\n"), omitted };
}
