/**
 * "One of each": the names and limits the bot shares with GitHub and with the repositories it
 * serves are spelled out in one file of src/ (domain/names.ts, domain/limits.ts), and the few
 * things there is one of (check-run publisher, manifest reader, report collector, content hash)
 * are used through that one. Literals are read from the syntax tree, so comments may name them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, dirname, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const SRC = fileURLToPath(new URL("../../../src/", import.meta.url));

interface SourceFacts {
  readonly file: string;
  /** The text of every string and template part. */
  readonly strings: string[];
  /** Every number as written (`65_535`) and as a value. */
  readonly numbers: { readonly text: string; readonly value: number }[];
  /** Files of src/ it imports, relative to src/. */
  readonly imports: string[];
  readonly text: string;
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listSources(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

function factsOf(path: string): SourceFacts {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const facts: SourceFacts = {
    file: relative(SRC, path).split(sep).join("/"),
    strings: [],
    numbers: [],
    imports: [],
    text,
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) facts.strings.push(node.text);
    if (ts.isNumericLiteral(node) || ts.isBigIntLiteral(node))
      facts.numbers.push({ text: node.getText(source), value: Number(node.text.replace(/n$/, "")) });
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const specifier = (node.moduleSpecifier as ts.StringLiteral).text;
      if (specifier.startsWith("."))
        facts.imports.push(
          relative(SRC, resolve(dirname(path), specifier))
            .split(sep)
            .join("/"),
        );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

const SOURCES = listSources(SRC).map(factsOf);

/** Files of src/ (other than `home`) whose string literals contain or equal `literal`. */
function spelledOutside(home: string, matches: (text: string) => boolean): string[] {
  return SOURCES.filter((f) => f.file !== home && f.strings.some(matches)).map((f) => f.file);
}

describe("defined once", () => {
  it.each([
    [".sofie/component.yml", "domain/names.ts"],
    ["sofie-ci.yml", "domain/names.ts"],
    [".github/workflows", "domain/names.ts"],
    ["sofie-integration.yml", "domain/names.ts"],
    ["sofie-tests:", "domain/names.ts"],
    ["sofie-maturity:", "domain/names.ts"],
    ["sofie-manifest:", "domain/names.ts"],
    ["sofie-integration-bot", "domain/names.ts"],
  ])("%s is spelled out only in %s", (literal, home) => {
    expect(spelledOutside("", (text) => text.includes(literal))).toEqual([home]);
  });

  it.each(["SOFIE tests", "SOFIE maturity", "SOFIE manifest"])(
    "the default check name %j is spelled out only in domain/names.ts",
    (name) => {
      expect(spelledOutside("", (text) => text === name)).toEqual(["domain/names.ts"]);
    },
  );

  it("65,535 (GitHub's text limit, the highest port) is written only in domain/limits.ts", () => {
    // Spelled in decimal: 0xffff is a UTF-16 code unit, another thing.
    const found = SOURCES.filter((f) => f.numbers.some((n) => /^65_?535$/.test(n.text))).map((f) => f.file);
    expect(found).toEqual(["domain/limits.ts"]);
  });

  it("the FNV constants are written only in the one content hash", () => {
    const fnv = [0xcbf29ce484222325n, 0x100000001b3n, 0x811c9dc5, 0x01000193].map((n) => n.toString(16));
    const found = SOURCES.filter((f) =>
      f.numbers.some((n) => fnv.some((hex) => n.text.toLowerCase().replace(/^0x|n$/g, "") === hex)),
    ).map((f) => f.file);
    expect(found).toEqual([]);
    expect(SOURCES.find((f) => f.file === "domain/content-hash.ts")?.text).toMatch(/0x1b3/);
  });
});

describe("one of each", () => {
  /** Files that import `module` (relative to src/, without `.js`). */
  const importersOf = (module: string) =>
    SOURCES.filter((f) => f.imports.some((i) => i === `${module}.js`))
      .map((f) => f.file)
      .sort();

  it("check runs are published only through use-cases/publish-check-run.ts", () => {
    expect(importersOf("domain/render/batch-annotations")).toEqual(["use-cases/publish-check-run.ts"]);
    const callers = SOURCES.filter(
      (f) => !f.file.startsWith("adapters/") && /\bchecks\s*\.\s*(start|update|find)\s*\(/.test(f.text),
    ).map((f) => f.file);
    expect(callers).toEqual(["use-cases/publish-check-run.ts"]);
  });

  it("the manifest is read only through use-cases/read-manifest.ts (the CLI's validate parses any file it is given)", () => {
    expect(importersOf("domain/manifest/parse-manifest")).toEqual([
      "cli/validate-command.ts",
      "use-cases/read-manifest.ts",
    ]);
  });

  it("JUnit reports are collected only through domain/junit/collect-reports.ts", () => {
    expect(importersOf("domain/junit/parse-junit")).toEqual([
      "domain/junit/collect-reports.ts",
      "domain/junit/parse-junit-text.ts",
    ]);
    expect(importersOf("domain/junit/report-matcher").every((f) => !f.startsWith("domain/"))).toBe(true);
  });

  it("there is one content hash", () => {
    const hashes = SOURCES.filter((f) => /export function \w*[Hh]ash\w*\s*\(/.test(f.text)).map(
      (f) => f.file,
    );
    expect(hashes).toEqual(["domain/content-hash.ts"]);
  });
});
