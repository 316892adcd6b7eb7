import {
  MAX_COMMANDS_PER_COMMENT,
  MAX_COMMENT_CHARS,
  parseCommands,
} from "../../../src/domain/commands/parse-commands.js";
import { COMMANDS } from "../../../src/domain/commands/commands.js";

const names = (body: string) => parseCommands(body).commands.map((c) => [c.name, ...c.args].join(" "));

describe("parseCommands", () => {
  it("finds one command per line, with line numbers, in any case", () => {
    expect(parseCommands("Looks good.\n/PROMOTE Staging\n  /status\r\n/help")).toEqual({
      commands: [
        { name: "promote", args: ["staging"], line: 2 },
        { name: "status", args: [], line: 3 },
        { name: "help", args: [], line: 4 },
      ],
      errors: [],
    });
  });

  it("accepts every usage in the command table", () => {
    for (const info of COMMANDS) {
      for (const usage of info.usage) {
        const parsed = parseCommands(usage);
        expect(parsed.errors).toEqual([]);
        expect(parsed.commands[0]?.name).toBe(info.name);
      }
    }
  });

  it("explains bad arguments with every valid form", () => {
    const { commands, errors } = parseCommands(
      "/promote prod\n/promote    staging   extra\n/rollback\n/rollback registry\n/status now\n/hold because",
    );
    expect(commands).toEqual([]);
    expect(errors).toEqual([
      {
        line: 1,
        text: "/promote prod",
        message:
          'unknown target "prod": use /promote, /promote registry, /promote staging or /promote production',
      },
      {
        line: 2,
        text: "/promote    staging   extra",
        message:
          "too many arguments: use /promote, /promote registry, /promote staging or /promote production",
      },
      {
        line: 3,
        text: "/rollback",
        message: "missing target: use /rollback staging or /rollback production",
      },
      {
        line: 4,
        text: "/rollback registry",
        message: 'unknown target "registry": use /rollback staging or /rollback production',
      },
      { line: 5, text: "/status now", message: "/status takes no arguments: use /status" },
      { line: 6, text: "/hold because", message: "/hold takes no arguments: use /hold" },
    ]);
  });

  it("ignores unknown /words, paths, inline code and look-alikes", () => {
    expect(
      names(
        [
          "/lgtm",
          "/approve",
          "/usr/bin/env",
          "`/promote`",
          "please /promote",
          "/promote: now",
          "/ promote",
          "//promote",
          "／promote", // fullwidth solidus
          "/pro\u200bmote", // zero-width space inside the name
          "/",
        ].join("\n"),
      ),
    ).toEqual([]);
  });

  it("ignores commands in fenced code blocks, quotes and HTML comments", () => {
    const body = [
      "```",
      "/promote",
      "```",
      "~~~~markdown",
      "/rollback staging",
      "```",
      "/hold",
      "~~~~",
      "> /promote production",
      "   >/unhold",
      "<!--",
      "/retry",
      "-->",
      "<!-- a note --> ",
      "/status",
      "```js `not a fence`",
      "/help",
    ].join("\n");
    expect(parseCommands(body).commands).toEqual([
      { name: "status", args: [], line: 15 },
      { name: "help", args: [], line: 17 },
    ]);
  });

  it("treats an unclosed fence as code to the end, like GitHub", () => {
    expect(names("```\n/promote\n/status")).toEqual([]);
  });

  it("reads unicode whitespace and arguments without crashing", () => {
    expect(names("\u00a0/promote\u00a0staging\u3000")).toEqual(["promote staging"]);
    const { errors } = parseCommands("/promote 🚀");
    expect(errors[0]?.message).toContain('unknown target "🚀"');
  });

  it("stops after 10 commands and says so", () => {
    const body = Array.from({ length: 15 }, () => "/status").join("\n");
    const { commands, errors } = parseCommands(body);
    expect(commands).toHaveLength(MAX_COMMANDS_PER_COMMENT);
    expect(errors).toEqual([
      {
        line: 11,
        text: "/status",
        message: "only the first 10 commands of a comment are read; this one and the rest were ignored",
      },
    ]);
  });

  it("counts bad commands towards the cap, so errors are bounded too", () => {
    const { commands, errors } = parseCommands(
      Array.from({ length: 10_000 }, () => "/promote nowhere").join("\n"),
    );
    expect(commands).toEqual([]);
    expect(errors).toHaveLength(MAX_COMMANDS_PER_COMMENT + 1);
  });

  it("reads 10,000 lines of chatter and finds the one command", () => {
    const lines = Array.from({ length: 10_000 }, () => "ok /x");
    lines[9_000] = "/retry";
    expect(parseCommands(lines.join("\n")).commands).toEqual([{ name: "retry", args: [], line: 9_001 }]);
  });

  it("reads only the first 65,536 characters", () => {
    const filler = "x".repeat(MAX_COMMENT_CHARS - 4); // cuts "/help" to "/he"
    expect(names(`${filler}\n/help\n`)).toEqual([]);
    expect(names(`${filler.slice(10)}\n/help\n`)).toEqual(["help"]);
    const huge = `/promote ${"staging ".repeat(1_000_000)}`;
    const { errors } = parseCommands(huge);
    expect(errors[0]?.message).toContain("too many arguments");
    expect(errors[0]?.text.length).toBeLessThanOrEqual(200);
  });

  it("survives hostile shapes", () => {
    for (const body of [
      "",
      "\n".repeat(100_000),
      "`".repeat(100_000),
      "<!--".repeat(20_000),
      "/".repeat(100_000),
      "/promote" + "\t".repeat(70_000) + "staging",
      "\u0000/help\u0000",
      "\uD800/help",
    ]) {
      const parsed = parseCommands(body);
      expect(parsed.commands.length + parsed.errors.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_COMMENT + 1);
    }
    expect(parseCommands(undefined as unknown as string)).toEqual({ commands: [], errors: [] });
  });
});
