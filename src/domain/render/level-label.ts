import { DEFAULT_LADDER } from "../maturity/default-ladder.js";
import { NOT_CONNECTED } from "../maturity/ladder.js";

export interface LevelLabel {
  /** `sofie-level-2`. */
  readonly name: string;
  /** Six hex digits without `#`, as the GitHub labels API takes it. */
  readonly color: string;
  /** At most 100 characters (GitHub's limit). */
  readonly description: string;
}

/** Grey for "not connected", then lighter to darker green up the ladder. */
const COLORS = ["d4d4d4", "c2e0c6", "a2d9a9", "7fcf8a", "5cbf6b", "3aa74f", "238636", "1a6b2b"];

/** The name of a level in the default ladder ("Not connected" for 0). */
export function defaultLevelName(level: number): string {
  if (level === 0) return NOT_CONNECTED;
  return DEFAULT_LADDER.levels.find((l) => l.level === level)?.name ?? `Level ${level}`;
}

/** The label put on the status issue for a level; `name` is the (policy's) level name. */
export function levelLabel(level: number, name: string = defaultLevelName(level)): LevelLabel {
  const description = `SOFIE maturity level ${level}: ${name}`;
  return {
    name: `sofie-level-${level}`,
    color: COLORS[Math.min(Math.max(0, Math.trunc(level)), COLORS.length - 1)] ?? "d4d4d4",
    description: description.length > 100 ? `${description.slice(0, 99)}…` : description,
  };
}
