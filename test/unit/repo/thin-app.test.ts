import { readdirSync, readFileSync } from "node:fs";
import ts from "typescript";

/**
 * Probot handlers only translate events into use cases: no function in `src/app` is longer
 * than about 40 lines (business rules belong in use cases and the domain, where they are
 * tested without Probot).
 */
const MAX_LINES = 40;
const APP = new URL("../../../src/app/", import.meta.url);

function longFunctions(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > MAX_LINES) found.push(`${file}:${start + 1} is ${end - start + 1} lines long`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("src/app", () => {
  it(`has no function longer than ${MAX_LINES} lines`, () => {
    const files = readdirSync(APP).filter((name) => name.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    expect(files.flatMap((name) => longFunctions(name, readFileSync(new URL(name, APP), "utf8")))).toEqual(
      [],
    );
  });

  it("sees a long function when there is one", () => {
    const body = Array.from({ length: 45 }, (_, i) => `  const x${i} = ${i};`).join("\n");
    expect(longFunctions("planted.ts", `export function planted() {\n${body}\n}\n`)).toEqual([
      "planted.ts:1 is 47 lines long",
    ]);
  });
});
