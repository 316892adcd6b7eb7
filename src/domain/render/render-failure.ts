import { codeBlock, inlineCode } from "./code-block.js";
import { cutText } from "./cut-text.js";
import { escapeMarkdown } from "./markdown-escape.js";
import type { FailureEntry } from "./suite-rows.js";

/** How much of a failure to show; the budgeted render lowers these. */
export interface FailureLimits {
  /** Code units of trace (or long message) shown; `Infinity` for all. */
  readonly maxTraceChars: number;
  /** Lines of trace shown. */
  readonly maxTraceLines: number;
}

export const FULL_FAILURE: FailureLimits = { maxTraceChars: Infinity, maxTraceLines: Infinity };

const MAX_NAME = 300;
const MAX_INLINE_MESSAGE = 500;

/** `Suite › Nested › case`, escaped and cut so that a 10 KiB name stays readable. */
export function failureTitle(entry: FailureEntry): string {
  const names = [...entry.path, entry.testCase.name].map((n) => escapeMarkdown(cutText(n, MAX_NAME)));
  return names.join(" › ");
}

/** Cuts `text` at a line boundary to at most `maxChars` and `maxLines`, saying what was left out. */
export function cutLines(text: string, maxChars: number, maxLines: number): string {
  if (text.length <= maxChars && maxLines === Infinity) return text;
  let end = 0;
  let lines = 0;
  while (end < text.length && lines < maxLines) {
    const nl = text.indexOf("\n", end);
    const next = nl === -1 ? text.length : nl + 1;
    if (next > maxChars) break;
    end = next;
    lines++;
  }
  if (end >= text.length) return text;
  if (end === 0) end = Math.min(maxChars, text.length); // one very long first line
  const kept = text.slice(0, end).replace(/\n$/, "");
  const restLines = countLines(text, end);
  return `${kept}\n… ${restLines === 1 ? "1 more line" : `${restLines} more lines`} not shown`;
}

function countLines(text: string, from: number): number {
  let count = 1;
  for (let i = text.indexOf("\n", from); i !== -1 && i < text.length - 1; i = text.indexOf("\n", i + 1))
    count++;
  return count;
}

/**
 * One failure as Markdown: a heading with the suite path and case name, the first line of the
 * message, and the trace folded in `<details>` with a fence no backtick run can close.
 */
export function renderFailure(entry: FailureEntry, limits: FailureLimits): string {
  const { testCase } = entry;
  const fault = testCase.fault;
  const icon = testCase.outcome === "error" ? "💥" : "❌";
  const parts = [`#### ${icon} ${failureTitle(entry)}`];

  const message = fault?.message?.trim() ?? "";
  const firstLine = message.split("\n", 1)[0] ?? "";
  const kind = testCase.outcome === "error" ? "Error" : "Failure";
  const type = fault?.type ? inlineCode(cutText(fault.type, MAX_NAME)) : kind;
  parts.push(
    firstLine === ""
      ? `**${kind}** ${fault?.type ? type : ""}`.trimEnd()
      : `${type}: ${escapeMarkdown(cutText(firstLine, MAX_INLINE_MESSAGE))}`,
  );

  const details = fault?.details?.trim() ?? "";
  // The trace usually repeats the message; show the message in full only when it is longer than the inline line.
  const messageIsLong = message.length > firstLine.length || firstLine.length > MAX_INLINE_MESSAGE;
  let block = details !== "" ? details : messageIsLong ? message : "";
  if (details !== "" && messageIsLong && !details.includes(message.slice(0, 200)))
    block = `${message}\n\n${details}`;
  if (block !== "") {
    const shown = cutLines(block, limits.maxTraceChars, limits.maxTraceLines);
    const label = details !== "" ? "Stack trace" : "Full message";
    const cut = fault?.truncated ? " (cut by the parser)" : "";
    parts.push(`<details><summary>${label}${cut}</summary>\n\n${codeBlock(shown)}\n\n</details>`);
  }
  return parts.join("\n\n");
}
