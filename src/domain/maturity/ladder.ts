/**
 * The maturity ladder as data: levels 1..7, each with the requirements that must all hold
 * and the gate that says who takes a component there. Level 0 ("Not connected") is implicit.
 */

/** Who takes a component to a level. */
export interface LadderGate {
  readonly by: "developers" | "maintainers" | "automatic";
  /** The comment command that does it, when a maintainer is the gate. */
  readonly command?: string;
  /** One sentence for people: "install the app, merge the onboarding PR and push". */
  readonly description: string;
}

/** Extra settings a built-in check reads (`healthy-days` reads `days`). */
export type RequirementParams = Readonly<Record<string, number | string | boolean>>;

export interface LadderRequirement {
  /** kebab-case, unique in the ladder. */
  readonly id: string;
  readonly description: string;
  /**
   * Built-in check id (see `BUILT_IN_CHECKS`). Absent for an "attested" requirement added by
   * policy that the bot cannot evaluate: it is reported as `unknown` and never counts as met.
   */
  readonly check?: string;
  readonly params?: RequirementParams;
}

export interface LadderLevel {
  /** 1..7. */
  readonly level: number;
  readonly name: string;
  readonly requirements: readonly LadderRequirement[];
  readonly gate: LadderGate;
}

export interface Ladder {
  /** Levels 1..7 in ascending order. */
  readonly levels: readonly LadderLevel[];
}

/** Name of level 0, which has no requirements. */
export const NOT_CONNECTED = "Not connected";
