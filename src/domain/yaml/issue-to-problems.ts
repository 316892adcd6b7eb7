import type { z } from "zod";
import type { Problem } from "../problem.js";
import { closestMatch } from "./closest-match.js";
import { formatPath } from "./format-path.js";
import { knownKeysAt } from "./known-keys-at.js";
import { showValue } from "./show-value.js";

/** Where a problem points, 1-based; `undefined` when the position is unknown (line 1, column 1 then). */
export type LocateFn = (
  path: readonly PropertyKey[],
  target: "value" | "key" | "parent",
) => { line: number; column: number } | undefined;

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping (key: value)",
  array: "a list",
};

/** Reads own properties only, so that `__proto__` or `constructor` in a file never reaches a prototype. */
function valueAt(root: unknown, path: readonly PropertyKey[]): { exists: boolean; value?: unknown } {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return { exists: false };
    const key = typeof segment === "number" ? segment : String(segment);
    if (!Object.hasOwn(current, key)) return { exists: false };
    current = (current as Record<string | number, unknown>)[key];
  }
  return { exists: true, value: current };
}

/**
 * Turns one zod issue into problems that name the offending key, say what is wrong and how to fix
 * it, and point at the key (unknown keys), the parent mapping (missing keys) or the value (the rest).
 */
export function issueToProblems(
  issue: z.core.$ZodIssue,
  input: unknown,
  file: string,
  schema: z.ZodType,
  locate: LocateFn,
): Problem[] {
  const path = issue.path;
  const where = (target: "value" | "key" | "parent", at: readonly PropertyKey[] = path) =>
    locate(at, target) ?? { line: 1, column: 1 };
  const problem = (
    message: string,
    at: readonly PropertyKey[],
    target: "value" | "key" | "parent",
  ): Problem => {
    const { line, column } = where(target, at);
    const shownPath = formatPath(at);
    return {
      file,
      line,
      column,
      message: shownPath === "" ? message : `${shownPath}: ${message}`,
      severity: "error",
      ...(shownPath === "" ? {} : { path: shownPath }),
    };
  };

  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(schema, path);
    return issue.keys.map((key) => {
      const suggestion = closestMatch(key, known);
      const hint =
        key === "<<"
          ? "merge keys (<<: *anchor) are not supported; write the keys out"
          : suggestion
            ? `did you mean "${suggestion}"?`
            : known.length > 0
              ? `allowed keys here: ${known.join(", ")}`
              : "remove it";
      return problem(`unknown key ${showValue(key)}; ${hint}`, [...path, key], "key");
    });
  }

  if (issue.code === "invalid_key") {
    // A record key failed its rule (`env: { lower: x }`): point at the key, with the key rule's message.
    const inner = issue.issues[0]?.message ?? `the key is not allowed here`;
    return [problem(inner, path, "key")];
  }

  const parentPath = path.slice(0, -1);
  const own = valueAt(input, path);
  const parent = valueAt(input, parentPath);
  const last = path[path.length - 1];
  if (!own.exists && last !== undefined && typeof last !== "number" && parent.exists) {
    const under = parentPath.length > 0 ? ` under ${formatPath(parentPath)}` : " at the top level";
    return [problem(`required key "${String(last)}" is missing; add it${under}`, path, "parent")];
  }

  if (issue.code === "invalid_type") {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    const value = own.value;
    let fix = "";
    if (issue.expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
      // YAML reads `branch: 2024` or `env: { DEBUG: true }` as a number or a boolean: quoting fixes it.
      const key = typeof last === "string" ? last : "value";
      fix = `; quote it, e.g. ${key}: "${String(value)}"`;
    } else if (
      issue.expected === "number" &&
      typeof value === "string" &&
      value.trim() !== "" &&
      !Number.isNaN(Number(value))
    ) {
      fix = "; remove the quotes";
    } else if (issue.expected === "boolean" && typeof value === "string") {
      fix = "; write true or false (YAML 1.2 reads yes, no, on and off as text)";
    } else if (value === null) {
      fix = "; the key is present but has no value";
    }
    return [problem(`expected ${expected}, found ${showValue(value)}${fix}`, path, "value")];
  }

  return [problem(issue.message, path, "value")];
}
