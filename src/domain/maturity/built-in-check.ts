/** The shape of a built-in requirement check. */
import type { ComponentEvidence } from "./evidence.js";
import type { RequirementParams } from "./ladder.js";
import type { RequirementState } from "./maturity-evaluation.js";

export interface CheckContext {
  /** ISO time "now"; checks that need a clock answer `unknown` without it. */
  readonly now?: string;
  readonly params: RequirementParams;
}

export interface CheckOutcome {
  readonly state: RequirementState;
  readonly reason: string;
}

/** A pure function of the evidence: same evidence, same outcome and reason. */
export type BuiltInCheck = (evidence: ComponentEvidence, context: CheckContext) => CheckOutcome;

/** `met` / `unmet` with a reason, to keep the check bodies short. */
export const met = (reason: string): CheckOutcome => ({ state: "met", reason });
export const unmet = (reason: string): CheckOutcome => ({ state: "unmet", reason });
export const unknown = (reason: string): CheckOutcome => ({ state: "unknown", reason });

/** First 7 characters of a commit, as GitHub shows them. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** `sha256:0123456789ab`: enough of a digest to recognise it in a message. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(":") ? digest.split(":", 2) : ["", digest];
  return `${algorithm ? `${algorithm}:` : ""}${(hex ?? "").slice(0, 12)}`;
}

/** `1 test` / `2 tests`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** The watched branch's name when the evidence knows it. */
export function branchOf(evidence: ComponentEvidence): string {
  return evidence.ci?.branch ?? evidence.push?.branch ?? "the watched branch";
}
