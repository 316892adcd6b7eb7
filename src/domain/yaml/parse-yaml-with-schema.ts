import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import type { Document, Node, YAMLError } from "yaml";
import type { z } from "zod";
import type { Problem } from "../problem.js";
import { findExcessiveNesting } from "./find-excessive-nesting.js";
import { findYamlNode } from "./find-yaml-node.js";
import type { LocateFn } from "./issue-to-problems.js";
import { sortProblems } from "./sort-problems.js";
import { validateWithSchema } from "./validate-with-schema.js";
import type { SchemaValidation } from "./validate-with-schema.js";
import { yamlErrorMessage } from "./yaml-error-message.js";

/** Largest file read, in bytes (UTF-8). Configuration files are a few hundred bytes. */
export const MAX_YAML_BYTES = 256 * 1024;
/** Most alias expansions accepted; a "billion laughs" file needs thousands. */
export const MAX_ALIAS_COUNT = 100;

/** What the file is, for messages about its overall shape. */
export interface YamlFileDescription {
  /** e.g. "component manifest". */
  readonly what: string;
  /** A few of the top-level keys the file should hold, e.g. `["component", "pilot", "images"]`. */
  readonly someKeys: readonly string[];
}

/**
 * Parses a YAML text and validates it against a zod schema, collecting every problem with its line and
 * column: YAML syntax errors and warnings, then (when the syntax is sound) every schema issue mapped
 * back to the node it concerns. The value is returned only when no problem is an error. Hostile input
 * (oversized, deeply nested, alias bombs, custom tags) becomes problems, never a throw or a hang.
 */
export function parseYamlWithSchema<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  description: YamlFileDescription,
): SchemaValidation<z.output<S>> {
  const at = (line: number, column: number, message: string, severity: Problem["severity"] = "error") => ({
    file,
    line,
    column,
    message,
    severity,
  });
  // Characters never outnumber UTF-8 bytes, so the cheap length test comes first.
  const size = text.length > MAX_YAML_BYTES ? text.length : new TextEncoder().encode(text).length;
  if (size > MAX_YAML_BYTES) {
    return {
      problems: [
        at(
          1,
          1,
          `the file is ${size} bytes, over the ${MAX_YAML_BYTES}-byte limit; a ${description.what} is a few hundred bytes, check that this is the right file`,
        ),
      ],
    };
  }
  const deep = findExcessiveNesting(text);
  if (deep) {
    return {
      problems: [at(deep.line, deep.column, "the YAML is nested too deeply to read safely; flatten it")],
    };
  }

  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      // Plain YAML 1.2 core, whatever a `%YAML 1.1` directive says: no !!binary, no merge keys, no yes/no.
      schema: "core",
      merge: false,
      uniqueKeys: true,
      // Only unknown tags resolve to nothing: `!!binary`, `!!timestamp`, `!!set` are refused like `!!js/function`.
      resolveKnownTags: false,
      // "silent" would also drop errors such as MULTIPLE_DOCS; "error" only keeps warnings off the console.
      logLevel: "error",
    });
  } catch (error) {
    return { problems: [at(1, 1, `the YAML could not be read: ${firstLine(error)}`)] };
  }

  const pos = (offset: number) => lineCounter.linePos(offset);
  const fromYaml = (error: YAMLError, severity: Problem["severity"]): Problem => {
    const { line, col } = pos(error.pos[0]);
    return at(line, col, yamlErrorMessage(error, text.slice(error.pos[0], error.pos[0] + 200)), severity);
  };
  const problems: Problem[] = [
    ...doc.errors.map((error) => fromYaml(error, "error")),
    // An unresolved tag (`!!js/function`, `!!binary`, `!custom`) would silently become a string: refuse it.
    ...doc.warnings.map((warning) =>
      fromYaml(warning, warning.code === "TAG_RESOLVE_FAILED" ? "error" : "warning"),
    ),
  ];
  if (problems.some((problem) => problem.severity === "error")) return { problems: sortProblems(problems) };

  const root = doc.contents;
  const keys = description.someKeys.join(", ");
  if (root === null || (isScalar(root) && root.value === null)) {
    problems.push(
      at(1, 1, `the file is empty; a ${description.what} is a mapping with keys such as ${keys}`),
    );
    return { problems: sortProblems(problems) };
  }
  if (!isMap(root)) {
    const { line, col } = pos(root.range[0]);
    const found = isSeq(root) ? "a list" : isAlias(root) ? "an alias" : "a single value";
    problems.push(
      at(line, col, `the top level must be a mapping (key: value) with keys such as ${keys}, not ${found}`),
    );
    return { problems: sortProblems(problems) };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const alias = firstAlias(doc);
    const { line, col } = alias?.range ? pos(alias.range[0]) : { line: 1, col: 1 };
    const message = /alias/i.test((error as Error).message)
      ? "the aliases (*name) in this file expand to too much data; write the values out instead of repeating aliases"
      : `the YAML could not be read: ${firstLine(error)}`;
    problems.push(at(line, col, message));
    return { problems: sortProblems(problems) };
  }

  const locate: LocateFn = (path, target) => {
    const found = findYamlNode(doc, path);
    let node: Node | undefined;
    if (target === "key") node = found.key ?? found.nearest;
    else if (target === "parent") {
      node = found.found ? findYamlNode(doc, path.slice(0, -1)).node : found.nearest;
    } else
      node = isEmptyScalar(found.node)
        ? (found.key ?? found.nearest)
        : (found.node ?? found.key ?? found.nearest);
    if (!node?.range) return undefined;
    const { line, col } = pos(node.range[0]);
    return { line, column: col };
  };
  return validateWithSchema(value, file, schema, locate, problems);
}

/** A key written with nothing after it (`pilot:`): point at the key rather than the empty spot. */
function isEmptyScalar(node: Node | undefined): boolean {
  return isScalar(node) && node.value === null && node.range != null && node.range[0] === node.range[1];
}

function firstAlias(doc: Document): Node | undefined {
  let alias: Node | undefined;
  visit(doc, {
    Alias(_key, node) {
      alias = node;
      return visit.BREAK;
    },
  });
  return alias;
}

/** The first line of a thrown value's message: problems are one line each. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n", 1)[0] ?? "";
}
