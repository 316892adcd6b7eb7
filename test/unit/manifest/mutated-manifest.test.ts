import { readFileSync } from "node:fs";
import { parseManifest } from "../../../src/domain/manifest/parse-manifest.js";
import { parsePolicy } from "../../../src/domain/policy/parse-policy.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/config/${name}`, import.meta.url), "utf8");

/** A small deterministic generator, so that a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const PIECES = [
  "\t",
  "\n",
  ":",
  "- ",
  "[",
  "]",
  "{",
  "}",
  "&a ",
  "*a",
  "!!binary ",
  "'",
  '"',
  "#",
  "---\n",
  "\u0000",
  "é",
  "  ",
];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * out.length);
    const choice = next();
    if (choice < 0.4)
      out = out.slice(0, at) + (PIECES[Math.floor(next() * PIECES.length)] ?? "") + out.slice(at);
    else if (choice < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 10));
    else out = out.slice(0, at) + out.slice(at, at + 20) + out.slice(at);
  }
  return out;
}

describe("mutated files", () => {
  it.each([
    ["component-valid.yml", parseManifest],
    ["policy-valid.yml", parsePolicy],
  ] as const)("%s: every mutation gives a result or positioned problems, never a throw", (name, parse) => {
    const text = fixture(name);
    const next = random(42);
    for (let i = 0; i < 300; i++) {
      const mutated = mutate(text, next);
      const result = parse(mutated, "f.yml");
      const lineCount = mutated.split("\n").length;
      for (const problem of result.problems) {
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.line).toBeLessThanOrEqual(lineCount);
        expect(problem.column).toBeGreaterThanOrEqual(1);
        expect(problem.message).not.toMatch(/\n/);
        expect(problem.message.length).toBeGreaterThan(10);
      }
      const hasErrors = result.problems.some((problem) => problem.severity === "error");
      expect(Object.keys(result).some((key) => key === "manifest" || key === "policy")).toBe(!hasErrors);
    }
  });
});
