/**
 * `sofie-bot junit` must start without loading what the other subcommands need (the
 * Dockerfile parser, the registry and AWS code, the SQLite store): each subcommand is
 * imported only when it is asked for. Checked on the built CLI (`lib/`, what the package's
 * bin runs) by walking its static import graph: `import … from` and `export … from`, never
 * `import()`. Start-up time itself is measured in bench/, not asserted here.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

const LIB = join(process.cwd(), "lib");

/** The modules a file imports statically: our files resolved to paths, packages by name. */
function staticImports(file: string): { files: string[]; packages: string[] } {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const files: string[] = [];
  const packages: string[] = [];
  for (const statement of source.statements) {
    const specifier =
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
        ? statement.moduleSpecifier.text
        : undefined;
    if (specifier === undefined) continue;
    if (specifier.startsWith(".")) files.push(resolve(dirname(file), specifier));
    else
      packages.push(
        specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!,
      );
  }
  return { files, packages };
}

/** Every module loaded, transitively and statically, from `entries` (lib-relative paths and package names). */
function staticGraph(...entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = entries.map((entry) => join(LIB, entry));
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const name = relative(LIB, file);
    if (seen.has(name)) continue;
    seen.add(name);
    const { files, packages } = staticImports(file);
    queue.push(...files);
    for (const pkg of packages) seen.add(pkg);
  }
  return seen;
}

const HEAVY = [
  /^domain\/dockerfile\//,
  /^domain\/registry\//,
  /^adapters\//,
  /^use-cases\//,
  /^dockerfile-ast$/,
  /^@aws-sdk\//,
  /^better-sqlite3$/,
  /^probot$/,
  /^@octokit\//,
  /^yauzl$/,
];

describe("the CLI's module graph", () => {
  it("loads no subcommand statically from main.js", () => {
    const commands = [...staticGraph("cli/main.js")].filter((name) => /^cli\/.*-command\.js$/.test(name));
    expect(commands).toEqual([]);
  });

  it("does not pull the Dockerfile, registry or store code into `sofie-bot junit`", () => {
    const graph = staticGraph("cli/main.js", "cli/junit-command.js");
    expect(graph.has("cli/junit-command.js")).toBe(true);
    expect(graph.has("domain/junit/parse-junit.js")).toBe(true);
    expect([...graph].filter((name) => HEAVY.some((pattern) => pattern.test(name)))).toEqual([]);
  });

  it("sees the heavy modules where they are (the walk itself works)", () => {
    const graph = staticGraph("cli/check-command.js");
    expect(graph.has("domain/dockerfile/check-dockerfile.js")).toBe(true);
    expect(graph.has("dockerfile-ast")).toBe(true);
  });
});
