import { EXIT, type CliCommand, type CliIo } from "./cli-io.js";

/**
 * The subcommands: adding one is one entry. Each is imported only when it is asked for, so
 * `sofie-bot junit` does not load the Dockerfile parser, the store or the AWS SDK that
 * other subcommands need (a test walks the static import graph to keep it so).
 */
const COMMANDS: Record<string, { readonly summary: string; readonly load: () => Promise<CliCommand> }> = {
  junit: {
    summary: "parse JUnit XML reports and print the totals and failures",
    load: async () => (await import("./junit-command.js")).runJunitCommand,
  },
  validate: {
    summary: "validate a component manifest or an organisation policy file",
    load: async () => (await import("./validate-cli.js")).validate,
  },
  init: {
    summary: "write the manifest and CI workflow the onboarding pull request would add",
    load: async () => (await import("./init-command.js")).runInitCommand,
  },
  check: {
    summary: "run the level 1-2 checks that need no GitHub on a local checkout",
    load: async () => (await import("./check-command.js")).runCheckCommand,
  },
  audit: {
    summary: "print the audit log of commands and promotions (from SOFIE_DATABASE)",
    load: async () => {
      const { runAuditCommand } = await import("./audit-command.js");
      return (args, io) => runAuditCommand(args, io);
    },
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
  return (await command.load())(args, io);
}
