/** The result of evaluating the ladder against a component's evidence. */
import type { LadderGate } from "./ladder.js";

/**
 * `unknown` means the bot cannot decide (an attested requirement it has no check for, or a
 * time-based check without a clock); it never counts as met.
 */
export type RequirementState = "met" | "unmet" | "unknown";

export interface RequirementResult {
  readonly id: string;
  readonly description: string;
  readonly state: RequirementState;
  /** A sentence for people, both when met and when not. */
  readonly reason: string;
}

export interface LevelResult {
  readonly level: number;
  readonly name: string;
  /** Every requirement of this level holds (regardless of lower levels). */
  readonly met: boolean;
  readonly requirements: readonly RequirementResult[];
  readonly gate: LadderGate;
}

export interface NextLevel {
  readonly level: number;
  readonly name: string;
  /** Reasons of the requirements of this level that do not hold yet. */
  readonly missing: readonly string[];
  readonly gate: LadderGate;
}

export interface MaturityEvaluation {
  /** Highest L such that every requirement of levels 1..L holds; 0 when level 1 does not. */
  readonly level: number;
  readonly levelName: string;
  /** Every level of the ladder, ascending, whether reached or not. */
  readonly levels: readonly LevelResult[];
  /** The level above the current one; absent at the top. */
  readonly next?: NextLevel;
  /**
   * Set when the level fell (from `previousLevel`) or a failing build holds it down. `reason`
   * says which level fell, not why: the why is `next.missing`.
   */
  readonly lowered?: { readonly from?: number; readonly reason: string };
  /** Automatic promotions are frozen (`/hold`). */
  readonly held: boolean;
}
