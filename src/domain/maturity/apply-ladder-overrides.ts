import { POLICY_PATH } from "../names.js";
import type { Problem } from "../problem.js";
import type { Ladder, LadderLevel, LadderRequirement } from "./ladder.js";
import { isBuiltInCheck } from "./built-in-checks.js";

/** A requirement as the policy file states it. */
export interface RequirementOverride {
  readonly id: string;
  readonly description: string;
  /** A built-in check id to reuse; absent for an "attested" requirement the bot cannot evaluate. */
  readonly check?: string;
}

export interface LevelOverride {
  readonly name?: string;
  readonly requirements?: readonly RequirementOverride[];
}

/** The policy's `ladder:` section, keyed by level (YAML gives string keys; both are accepted). */
export type LadderOverrides = Readonly<Record<number | string, LevelOverride>>;

export interface ApplyLadderOverridesOptions {
  /** File the overrides came from, for problems. Default {@link POLICY_PATH}. */
  readonly file?: string;
  /** Maps a dotted path (`ladder.4.requirements[0].check`) to its place in the file, when known. */
  readonly locate?: (path: string) => { readonly line: number; readonly column: number } | undefined;
}

export interface AppliedLadder {
  readonly ladder: Ladder;
  /** Every problem found; a policy with errors should be refused by the caller. */
  readonly problems: readonly Problem[];
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_REQUIREMENTS = 20;
const MAX_NAME = 50;
const MAX_DESCRIPTION = 200;
/** Levels whose requirements a policy replaces; on 1-3 it can only add (SPEC: 4-7 may be defined differently). */
const REDEFINABLE_FROM = 4;

/**
 * Applies the policy's ladder section to a ladder: renames levels, adds requirements to
 * levels 1-3, and replaces the requirements of levels 4-7.
 *
 * A requirement whose `check` names a built-in check reuses it. One without `check` is
 * "attested": it is shown, but stays `unknown` (never met) with the reason "needs a check the
 * bot does not know: <id>". An unknown `check` id is a problem, and the requirement is kept as
 * attested, so a typo makes the level harder to reach, never easier. Levels outside 1..7,
 * bad names, bad ids, duplicate ids, and empty redefinitions are problems too; the entry at
 * fault is left out (an empty redefinition keeps the default requirements).
 */
export function applyLadderOverrides(
  ladder: Ladder,
  overrides: LadderOverrides,
  options: ApplyLadderOverridesOptions = {},
): AppliedLadder {
  const file = options.file ?? POLICY_PATH;
  const problems: Problem[] = [];
  const problem = (path: string, message: string): void => {
    const at = options.locate?.(path) ?? { line: 1, column: 1 };
    problems.push({ file, line: at.line, column: at.column, message, severity: "error", path });
  };

  const levels = new Map<number, LadderLevel>(ladder.levels.map((l) => [l.level, l]));
  const ids = new Set(ladder.levels.flatMap((l) => l.requirements.map((r) => r.id)));

  for (const [key, override] of Object.entries(overrides ?? {})) {
    const path = `ladder.${key}`;
    const level = /^\d+$/.test(key) ? Number(key) : NaN;
    const current = levels.get(level);
    if (!(level >= 1 && level <= 7) || !current) {
      problem(
        path,
        `ladder level "${key}" is not one of 1..7 (level 0 is "Not connected" and has no requirements)`,
      );
      continue;
    }
    if (typeof override !== "object" || override === null || Array.isArray(override)) {
      problem(path, `ladder level ${level} must be a mapping with "name" and/or "requirements"`);
      continue;
    }
    let name = current.name;
    if (override.name !== undefined) {
      const trimmed = typeof override.name === "string" ? override.name.trim() : "";
      if (trimmed === "" || trimmed.length > MAX_NAME || /[\r\n]/.test(trimmed))
        problem(`${path}.name`, `the name of level ${level} must be one line of 1 to ${MAX_NAME} characters`);
      else name = trimmed;
    }
    let requirements = current.requirements;
    if (override.requirements !== undefined) {
      const replace = level >= REDEFINABLE_FROM;
      // Ids of the requirements being replaced become free again.
      if (replace) for (const r of current.requirements) ids.delete(r.id);
      const added = readRequirements(override.requirements, `${path}.requirements`, ids, problem);
      if (replace && added.length === 0) {
        problem(
          `${path}.requirements`,
          `level ${level} needs at least one requirement; keeping the default ones`,
        );
        for (const r of current.requirements) ids.add(r.id);
      } else {
        requirements = replace ? added : [...current.requirements, ...added];
      }
    }
    levels.set(level, { ...current, name, requirements });
  }
  return { ladder: { levels: [...levels.values()].sort((a, b) => a.level - b.level) }, problems };
}

function readRequirements(
  list: unknown,
  path: string,
  ids: Set<string>,
  problem: (path: string, message: string) => void,
): LadderRequirement[] {
  if (!Array.isArray(list)) {
    problem(path, "requirements must be a list of { id, description, check? }");
    return [];
  }
  if (list.length > MAX_REQUIREMENTS)
    problem(path, `at most ${MAX_REQUIREMENTS} requirements per level; the rest are ignored`);
  const out: LadderRequirement[] = [];
  list.slice(0, MAX_REQUIREMENTS).forEach((entry: unknown, index) => {
    const at = `${path}[${index}]`;
    const r = (typeof entry === "object" && entry !== null ? entry : {}) as Partial<Record<string, unknown>>;
    const { id, description, check } = r;
    if (typeof id !== "string" || !KEBAB.test(id) || id.length > 64) {
      problem(
        `${at}.id`,
        "a requirement id must be kebab-case (a-z, 0-9 and single dashes), at most 64 characters",
      );
      return;
    }
    if (ids.has(id)) {
      problem(`${at}.id`, `requirement id "${id}" is already used in the ladder; pick another`);
      return;
    }
    if (
      typeof description !== "string" ||
      description.trim() === "" ||
      description.length > MAX_DESCRIPTION
    ) {
      problem(
        `${at}.description`,
        `requirement "${id}" needs a description of 1 to ${MAX_DESCRIPTION} characters`,
      );
      return;
    }
    ids.add(id);
    if (check === undefined) {
      out.push({ id, description: description.trim() });
    } else if (typeof check === "string" && isBuiltInCheck(check)) {
      out.push({ id, description: description.trim(), check });
    } else {
      problem(
        `${at}.check`,
        `unknown check "${String(check)}" for requirement "${id}": use a built-in check id or leave check out for an attested requirement`,
      );
      out.push({ id, description: description.trim() });
    }
  });
  return out;
}
