import type { z } from "zod";
import type { Problem } from "../problem.js";
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
 * Validates an already-parsed value against `schema` and collects every issue as a problem. Without
 * `locate` (a value that came from elsewhere than a YAML text) problems point at line 1, column 1 and
 * carry their `path`.
 */
export function validateWithSchema<S extends z.ZodType>(
  input: unknown,
  file: string,
  schema: S,
  locate: LocateFn = unknownPosition,
): SchemaValidation<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues.flatMap((issue) =>
    issueToProblems(issue, input, file, schema, locate),
  );
  return { problems: sortProblems(problems) };
}
