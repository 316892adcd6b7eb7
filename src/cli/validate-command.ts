import { parseManifest } from "../domain/manifest/parse-manifest.js";
import { MANIFEST_PATH, POLICY_PATH } from "../domain/names.js";
import { parsePolicy } from "../domain/policy/parse-policy.js";
import { formatProblem } from "../domain/problem.js";
import type { Problem } from "../domain/problem.js";
import { detectConfigKind } from "../domain/yaml/detect-config-kind.js";
import type { ConfigKind } from "../domain/yaml/detect-config-kind.js";

/** What the command needs from the outside world; `main.ts` passes the real process and file system. */
export interface ValidateCommandIo {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): Promise<string>;
}

const USAGE = `usage: sofie-bot validate [--kind manifest|policy] <file...>

Validates a component manifest (${MANIFEST_PATH}) or an organisation policy
(${POLICY_PATH}). The kind is told from the file's keys unless --kind is given.
Problems are printed on stdout as "file:line:col message"; exit 0 valid, 2 invalid or unreadable, 1 usage.`;

const KIND_NAME: Record<ConfigKind, string> = {
  manifest: "component manifest",
  policy: "organisation policy",
};

interface ParsedArgs {
  readonly kind?: ConfigKind;
  readonly files: string[];
  readonly help: boolean;
}

function parseArgs(args: readonly string[]): ParsedArgs | string {
  let kind: ConfigKind | undefined;
  let help = false;
  const files: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (optionsEnded || !arg.startsWith("-") || arg === "-") {
      files.push(arg);
    } else if (arg === "--") {
      optionsEnded = true;
    } else if (arg === "-h" || arg === "--help") {
      help = true;
    } else if (arg === "--kind" || arg.startsWith("--kind=")) {
      const value = arg === "--kind" ? args[++i] : arg.slice("--kind=".length);
      if (value !== "manifest" && value !== "policy") {
        return `--kind takes "manifest" or "policy", not ${value === undefined ? "nothing" : JSON.stringify(value)}`;
      }
      kind = value;
    } else {
      return `unknown option ${JSON.stringify(arg)}`;
    }
  }
  return kind === undefined ? { files, help } : { kind, files, help };
}

/** A one-line reason a file could not be read, without a stack trace. */
function readFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n", 1)[0] ?? "unknown error";
}

/**
 * `sofie-bot validate [--kind manifest|policy] <file...>` (`args` are the words after `validate`).
 * Prints each problem on stdout as `file:line:col message` (warnings as `… warning: message`), a
 * one-line verdict per invalid file on stderr and `<file>: valid <kind>` on stdout for a valid one.
 * Returns the exit code: 0 all valid, 2 a file is invalid or unreadable, 1 usage error.
 */
export async function runValidateCommand(args: string[], io: ValidateCommandIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    io.stderr(`sofie-bot validate: ${parsed}\n${USAGE}\n`);
    return 1;
  }
  if (parsed.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (parsed.files.length === 0) {
    io.stderr(`sofie-bot validate: no file given\n${USAGE}\n`);
    return 1;
  }

  let exitCode = 0;
  for (const file of parsed.files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (error) {
      io.stderr(`${file}: cannot read the file: ${readFailure(error)}\n`);
      exitCode = 2;
      continue;
    }
    // Neither keys nor name tell: validate as a manifest, the file most people check by hand.
    const kind = parsed.kind ?? detectConfigKind(text, file) ?? "manifest";
    const problems: Problem[] =
      kind === "manifest" ? parseManifest(text, file).problems : parsePolicy(text, file).problems;
    for (const problem of problems) {
      io.stdout(
        `${formatProblem(problem.severity === "warning" ? { ...problem, message: `warning: ${problem.message}` } : problem)}\n`,
      );
    }
    const errors = problems.filter((problem) => problem.severity === "error").length;
    if (errors === 0) {
      io.stdout(`${file}: valid ${KIND_NAME[kind]}\n`);
    } else {
      io.stderr(`${file}: invalid ${KIND_NAME[kind]} (${errors} ${errors === 1 ? "problem" : "problems"})\n`);
      exitCode = 2;
    }
  }
  return exitCode;
}
