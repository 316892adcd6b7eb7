import { collectReports } from "../domain/junit/collect-reports.js";
import { EXIT, type CliIo } from "./cli-io.js";
import { formatJunitSummary } from "./format-junit-summary.js";
import { formatReportProblem, readError } from "./format-report-problem.js";

export const JUNIT_USAGE = `usage: sofie-bot junit <file...> [--json]

Parse JUnit XML reports and print the totals and the failures.
  --json   print one JSON object: tests, passed, failures, errors, skipped, time, reports
Exit: 0 parsed (even with failing tests), 1 usage error, 2 unreadable or malformed input.`;

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

  const { reports, problems, totals } = await collectReports({
    names: files,
    read: (file) => io.readFile(file),
    readError: (_file, error) => readError(error),
  });
  if (problems.length > 0) {
    for (const problem of problems) io.stderr(`sofie-bot: ${formatReportProblem(problem)}\n`);
    return EXIT.input;
  }
  if (json) io.stdout(`${JSON.stringify({ ...totals, reports })}\n`);
  else io.stdout(formatJunitSummary(reports, totals));
  return EXIT.ok;
}
