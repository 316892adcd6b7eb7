/**
 * Field rules shared by the component manifest and the organisation policy: each is a zod schema whose
 * error message says what is wrong and how to fix it (the path is added by the caller).
 */
import { z } from "zod";
import { showValue } from "../yaml/show-value.js";

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const TEAM = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Rewrites a name into the nearest DNS-1123 label, for "e.g." hints: `Flexibility_Gateway` → `flexibility-gateway`. */
export function toDnsLabel(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .slice(0, 63)
    .replace(/^-+|-+$/g, "");
  return label === "" ? "my-name" : label;
}

/** A DNS-1123 label (Kubernetes names, namespaces): lowercase alphanumerics and `-`, 1..63, alphanumeric at both ends. */
export function dnsLabel(): z.ZodString {
  return z.string().regex(DNS_LABEL, {
    error: (issue) =>
      `${showValue(issue.input)} is not a DNS-1123 label; use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit, e.g. "${toDnsLabel(String(issue.input))}"`,
  });
}

/** A GitHub team as `@org/team-slug`. */
export function githubTeam(): z.ZodString {
  return z.string().regex(TEAM, {
    error: (issue) =>
      `${showValue(issue.input)} is not a GitHub team; write it as "@organisation/team-slug", e.g. "@sofie-iot/flexibility-team"`,
  });
}

/** An environment variable name: upper-case letters, digits and `_`, not starting with a digit. */
export function envVarName(): z.ZodString {
  return z.string().regex(ENV_NAME, {
    error: (issue) =>
      `${showValue(issue.input)} is not an environment variable name; use upper-case letters, digits and '_', not starting with a digit, e.g. "${String(
        issue.input,
      )
        .toUpperCase()
        .replace(/[^A-Z0-9_]+/g, "_")
        .replace(/^(\d)/, "_$1")
        .slice(0, 40)}"`,
  });
}

/** Why `name` is not a valid git ref name (the rules of `git check-ref-format --branch`), or `undefined`. */
export function gitRefNameProblem(name: string): string | undefined {
  if (name === "") return "is empty";
  if (name.length > 255) return "is longer than 255 characters";
  if (name === "@") return "is '@' alone";
  // eslint-disable-next-line no-control-regex -- git refuses control characters, so we look for them.
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name))
    return "contains a space, a control character or one of ~ ^ : ? * [ \\";
  if (name.includes("..")) return "contains '..'";
  if (name.includes("@{")) return "contains '@{'";
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//")) return "has an empty path component";
  if (name.endsWith(".")) return "ends with '.'";
  if (name.startsWith("-")) return "starts with '-'";
  for (const part of name.split("/")) {
    if (part.startsWith(".")) return "has a component starting with '.'";
    if (part.endsWith(".lock")) return "has a component ending with '.lock'";
  }
  return undefined;
}

/** A branch name git accepts. */
export function gitBranchName(): z.ZodType<string> {
  return z.string().superRefine((value, ctx) => {
    const problem = gitRefNameProblem(value);
    if (problem) {
      ctx.addIssue({
        code: "custom",
        message: `${showValue(value)} is not a valid git branch name (it ${problem}); use the branch's name as git shows it, e.g. "main"`,
      });
    }
  });
}

/** Why `path` is not a relative path inside the repository or artifact, or `undefined`. */
export function relativePathProblem(path: string): string | undefined {
  if (path.trim() === "") return "is empty";
  if (path.startsWith("/") || path.startsWith("\\") || /^[A-Za-z]:/.test(path)) return "is absolute";
  if (path.split(/[\\/]/).includes("..")) return "has a '..' segment that leaves its root";
  // eslint-disable-next-line no-control-regex -- control characters in a path are a sign of a hostile file.
  if (/[\x00-\x1f]/.test(path)) return "contains a control character";
  return undefined;
}

/** A relative path that stays inside its root: no leading `/`, no drive letter, no `..` segment. */
export function relativePath(example: string): z.ZodType<string> {
  return z.string().superRefine((value, ctx) => {
    const problem = relativePathProblem(value);
    if (problem) {
      ctx.addIssue({
        code: "custom",
        message: `${showValue(value)} ${problem}; write a path relative to the repository root, e.g. "${example}"`,
      });
    }
  });
}

/** A whole number in `min..max`. */
export function integerIn(min: number, max: number, what: string): z.ZodNumber {
  const message = (issue: { input?: unknown }) =>
    `${showValue(issue.input)} is not ${what}; use a whole number from ${min} to ${max}`;
  return z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

/** A whole number of at least `min`. */
export function integerAtLeast(min: number, what: string): z.ZodNumber {
  const message = (issue: { input?: unknown }) =>
    `${showValue(issue.input)} is not ${what}; use a whole number of at least ${min}`;
  return z.number({ error: message }).int({ error: message }).min(min, { error: message });
}

/** A boolean, with a hint that YAML 1.2 reads `yes`/`no`/`on`/`off` as strings. */
export function yamlBoolean(): z.ZodBoolean {
  return z.boolean({
    error: (issue) =>
      `${showValue(issue.input)} is not a boolean; write true or false (YAML 1.2 reads yes/no/on/off as text)`,
  });
}
