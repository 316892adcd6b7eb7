import { JunitParseError } from "../domain/junit/junit-parse-error.js";
import { parseJunit } from "../domain/junit/parse-junit.js";
import { summarize } from "../domain/junit/summarize.js";
import type { TestReport } from "../domain/junit/test-results.js";
import { EXIT, type CliIo } from "./cli-io.js";
import { formatJunitSummary } from "./format-junit-summary.js";

export const JUNIT_USAGE = `usage: sofie-bot junit <file...> [--json]

Parse JUnit XML reports and print the totals and the failures.
  --json   print one JSON object: tests, passed, failures, errors, skipped, time, reports
Exit: 0 parsed (even with failing tests), 1 usage error, 2 unreadable or malformed input.`;

/** One line, whatever the error: the CLI contract promises a one-line reason. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

function readError(file: string, err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const reason = err instanceof Error ? err.message : String(err);
  if (code === "ENOENT") return `${file}: no such file`;
  if (code === "EISDIR") return `${file}: is a directory, expected a JUnit XML file`;
  if (code === "EACCES") return `${file}: permission denied`;
  return `${file}: cannot read: ${reason}`;
}

/**
 * `sofie-bot junit <file...> [--json]`: parses the reports and prints their totals (and,
 * with `--json`, every suite and case). Returns the exit code: 0 parsed, 1 usage, 2 input.
 */
export async function runJunitCommand(args: string[], io: CliIo): Promise<number> {
  let json = false;
  const files: string[] = [];
  let options = true;
  for (const arg of args) {
    if (options && arg === "--") options = false;
    else if (options && arg === "--json") json = true;
    else if (options && (arg === "--help" || arg === "-h")) {
      io.stdout(`${JUNIT_USAGE}\n`);
      return EXIT.ok;
    } else if (options && arg.startsWith("-") && arg !== "-") {
      io.stderr(`sofie-bot: junit: unknown option ${arg}\n${JUNIT_USAGE}\n`);
      return EXIT.usage;
    } else files.push(arg);
  }
  if (files.length === 0) {
    io.stderr(`sofie-bot: junit: no report files given\n${JUNIT_USAGE}\n`);
    return EXIT.usage;
  }

  const reports: TestReport[] = [];
  for (const file of files) {
    try {
      reports.push(await parseJunit(io.readFile(file), { file }));
    } catch (err) {
      const reason = err instanceof JunitParseError ? err.message : readError(file, err);
      io.stderr(`sofie-bot: ${oneLine(reason)}\n`);
      return EXIT.input;
    }
  }

  const totals = summarize(reports);
  if (json) io.stdout(`${JSON.stringify({ ...totals, reports })}\n`);
  else io.stdout(formatJunitSummary(reports, totals));
  return EXIT.ok;
}
