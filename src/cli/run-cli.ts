import { EXIT, type CliCommand, type CliIo } from "./cli-io.js";
import { MAX_YAML_BYTES } from "../domain/yaml/parse-yaml-with-schema.js";
import { runAuditCommand } from "./audit-command.js";
import { runCheckCommand } from "./check-command.js";
import { runInitCommand } from "./init-command.js";
import { runJunitCommand } from "./junit-command.js";
import { readText } from "../use-cases/read-text.js";
import { runValidateCommand } from "./validate-command.js";

const validate: CliCommand = (args, io) =>
  runValidateCommand(args, {
    stdout: io.stdout,
    stderr: io.stderr,
    readFile: (path) => readText(io.readFile(path), MAX_YAML_BYTES + 1),
  });

/** The subcommands: adding one is one line. */
const COMMANDS: Record<string, { readonly summary: string; readonly run: CliCommand }> = {
  junit: { summary: "parse JUnit XML reports and print the totals and failures", run: runJunitCommand },
  validate: { summary: "validate a component manifest or an organisation policy file", run: validate },
  init: {
    summary: "write the manifest and CI workflow the onboarding pull request would add",
    run: runInitCommand,
  },
  check: {
    summary: "run the level 1-2 checks that need no GitHub on a local checkout",
    run: runCheckCommand,
  },
  audit: {
    summary: "print the audit log of commands and promotions (from SOFIE_DATABASE)",
    run: (args, io) => runAuditCommand(args, io),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const list = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return `usage: sofie-bot <command> [args]\n\ncommands:\n${list.join("\n")}\n\nRun 'sofie-bot <command> --help' for a command's options.\n`;
}

/** Dispatches `sofie-bot <command> ...` and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return EXIT.ok;
  }
  const command = name === undefined ? undefined : Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.stderr(
      `${name === undefined ? "sofie-bot: no command given" : `sofie-bot: unknown command ${name}`}\n${usage()}`,
    );
    return EXIT.usage;
  }
  return command.run(args, io);
}
