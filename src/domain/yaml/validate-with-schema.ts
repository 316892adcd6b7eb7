import type { z } from "zod";
import type { Problem } from "../problem.js";
import { findProtoKeys } from "./find-proto-keys.js";
import { formatPath } from "./format-path.js";
import { issueToProblems } from "./issue-to-problems.js";
import type { LocateFn } from "./issue-to-problems.js";
import { sortProblems } from "./sort-problems.js";

/** What a validator returns: the typed value only when no problem is an error, and every problem. */
export interface SchemaValidation<T> {
  readonly value?: T;
  readonly problems: Problem[];
}

const unknownPosition: LocateFn = () => undefined;

/**
 * Validates an already-parsed value against `schema` and collects every issue as a problem, merged with
 * `earlier` problems (YAML warnings), sorted and capped. Without `locate` (a value that came from
 * elsewhere than a YAML text) problems point at line 1, column 1 and carry their `path`.
 */
export function validateWithSchema<S extends z.ZodType>(
  input: unknown,
  file: string,
  schema: S,
  locate: LocateFn = unknownPosition,
  earlier: readonly Problem[] = [],
): SchemaValidation<z.output<S>> {
  const result = schema.safeParse(input);
  const problems = result.success
    ? []
    : result.error.issues.flatMap((issue) => issueToProblems(issue, input, file, schema, locate));
  for (const path of findProtoKeys(input)) {
    const shown = formatPath(path);
    if (problems.some((problem) => problem.path === shown)) continue;
    const { line, column } = locate(path, "key") ?? { line: 1, column: 1 };
    problems.push({
      file,
      line,
      column,
      message: `${shown}: the key "__proto__" is not allowed; remove it`,
      severity: "error",
      path: shown,
    });
  }
  const all = sortProblems([...earlier, ...problems]);
  return result.success && !all.some((problem) => problem.severity === "error")
    ? { value: result.data, problems: all }
    : { problems: all };
}
