import { readFileSync } from "node:fs";
import { parseManifest } from "../../../src/domain/manifest/parse-manifest.js";
import { formatProblem } from "../../../src/domain/problem.js";
import { MAX_YAML_BYTES } from "../../../src/domain/yaml/parse-yaml-with-schema.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/config/${name}`, import.meta.url), "utf8");
const lines = (text: string, file = "component.yml") => parseManifest(text, file).problems.map(formatProblem);
const minimal = fixture("component-minimal.yml");

describe("parseManifest on hostile input", () => {
  it("stops an alias bomb with a clear problem at the first alias", () => {
    expect(lines(fixture("evil-billion-laughs.yml"))).toEqual([
      "component.yml:3:12 the aliases (*name) in this file expand to too much data; write the values out instead of repeating aliases",
    ]);
  });

  it("accepts a few aliases", () => {
    const text = `${minimal}deploy: { env: { A: &v x, B: *v } }\n`;
    expect(parseManifest(text, "c.yml").manifest?.deploy?.env).toEqual({ A: "x", B: "x" });
  });

  it("refuses a file over the size limit at line 1", () => {
    const text = `${minimal}#${"x".repeat(MAX_YAML_BYTES)}\n`;
    const { problems } = parseManifest(text, "big.yml");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "big.yml", line: 1, column: 1, severity: "error" });
    expect(problems[0]?.message).toMatch(/over the 262144-byte limit/);
  });

  it("counts bytes, not characters, against the limit", () => {
    const text = `${minimal}# ${"é".repeat(MAX_YAML_BYTES / 2)}\n`;
    expect(text.length).toBeLessThan(MAX_YAML_BYTES);
    expect(lines(text)[0]).toMatch(/^component\.yml:1:1 the file is \d+ bytes, over/);
  });

  it("reports non-mapping roots and empty files", () => {
    expect(lines(fixture("evil-root-list.yml"))).toEqual([
      "component.yml:1:1 the top level must be a mapping (key: value) with keys such as component, pilot, images, developers, not a list",
    ]);
    expect(lines(fixture("evil-root-scalar.yml"))).toEqual([
      "component.yml:1:1 the top level must be a mapping (key: value) with keys such as component, pilot, images, developers, not a single value",
    ]);
    const empty =
      "component.yml:1:1 the file is empty; a component manifest is a mapping with keys such as component, pilot, images, developers";
    expect(lines(fixture("empty.yml"))).toEqual([empty]);
    expect(lines("")).toEqual([empty]);
    expect(lines("~\n")).toEqual([empty]);
  });

  it("reports tabs used for indentation", () => {
    expect(lines(fixture("evil-tabs.yml"))).toEqual([
      "component.yml:4:1 a tab is used for indentation; YAML allows only spaces there, replace the tab with spaces",
    ]);
  });

  it("turns duplicate keys into problems", () => {
    expect(lines(fixture("evil-duplicate-keys.yml"))).toEqual([
      `component.yml:6:1 duplicate key "component": a key may appear only once in a mapping; remove or merge the repeated one`,
    ]);
  });

  it("refuses custom and non-core tags", () => {
    const tagMessage = (tag: string) =>
      `the tag "${tag}" is not supported; remove it and write a plain value (only standard YAML 1.2 core tags are read)`;
    expect(lines(fixture("evil-tags.yml"))).toEqual([
      `component.yml:1:12 ${tagMessage("!!js/function")}`,
      `component.yml:4:11 ${tagMessage("!!binary")}`,
      `component.yml:5:13 ${tagMessage("!custom")}`,
    ]);
  });

  it("refuses a second document", () => {
    expect(lines(fixture("evil-multiple-documents.yml"))).toEqual([
      "component.yml:5:1 the file holds more than one YAML document (a second `---`); keep a single document",
    ]);
  });

  it("reads a %YAML 1.1 file as YAML 1.2: no merge keys", () => {
    expect(lines(fixture("evil-yaml-1.1.yml"))).toEqual([
      `component.yml:5:1 base: unknown key "base"; allowed keys here: component, pilot, branch, ci, junit, images, developers, deploy`,
      `component.yml:7:5 images[0].name: required key "name" is missing; add it under images[0]`,
      `component.yml:7:5 images[0]["<<"]: unknown key "<<"; merge keys (<<: *anchor) are not supported; write the keys out`,
    ]);
  });

  it("rejects __proto__ and constructor keys without touching any prototype", () => {
    const { problems } = parseManifest(fixture("evil-prototype.yml"), "component.yml");
    expect(problems.map(formatProblem)).toEqual([
      `component.yml:3:1 __proto__: unknown key "__proto__"; allowed keys here: component, pilot, branch, ci, junit, images, developers, deploy`,
      `component.yml:5:1 constructor: unknown key "constructor"; allowed keys here: component, pilot, branch, ci, junit, images, developers, deploy`,
      `component.yml:13:5 deploy.env.__proto__: the key "__proto__" is not allowed; remove it`,
    ]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("refuses deep flow nesting before the parser sees it", () => {
    const text = `${minimal}deploy: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    expect(lines(text)).toEqual([
      "component.yml:6:73 the YAML is nested too deeply to read safely; flatten it",
    ]);
  });

  it("refuses deep block nesting on one line", () => {
    expect(lines(`${"- ".repeat(20_000)}x\n`)).toEqual([
      "component.yml:1:1 the YAML is nested too deeply to read safely; flatten it",
    ]);
    expect(lines(`a:\n  ${"? ".repeat(5_000)}x\n`)).toEqual([
      "component.yml:2:1 the YAML is nested too deeply to read safely; flatten it",
    ]);
  });

  it("reads deep but legal indentation nesting without crashing", () => {
    const depth = 300;
    const text = Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}k:`).join("\n") + " x\n";
    const problems = lines(text);
    expect(problems).toHaveLength(5);
    expect(problems[problems.length - 1]).toBe(
      `component.yml:1:1 k: unknown key "k"; allowed keys here: component, pilot, branch, ci, junit, images, developers, deploy`,
    );
  });

  it("survives a very long line", () => {
    const { problems } = parseManifest(
      `${minimal}deploy: { env: { LONG: "${"a".repeat(200_000)}" } }\n`,
      "c.yml",
    );
    expect(problems).toEqual([]);
  });

  it("caps the number of problems", () => {
    const text = `${minimal}${Array.from({ length: 500 }, (_, i) => `unknown${i}: x`).join("\n")}\n`;
    const problems = parseManifest(text, "c.yml").problems;
    expect(problems).toHaveLength(101);
    expect(problems[100]?.message).toBe("400 more problems not shown; fix the ones above first");
  });

  it("reports unclosed flow collections and bad indentation as syntax errors with positions", () => {
    const problems = parseManifest("component: [a, b\npilot: x\n", "c.yml").problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(
      problems.every((problem) => problem.severity === "error" && problem.line >= 1 && problem.column >= 1),
    ).toBe(true);
    expect(problems[0]?.message).toMatch(/^YAML syntax error: /);
  });
});
