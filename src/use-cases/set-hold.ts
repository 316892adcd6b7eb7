import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import type { ActionResult } from "./run-commands.js";

export interface SetHoldDeps {
  /** Records `hold` in the component's evidence and returns the evidence as stored. */
  readonly record: (hold: boolean) => Promise<ComponentEvidence>;
  /** Queues the automatic promotion of the latest passing build, as a passing build would. */
  readonly promoteLatest: (evidence: ComponentEvidence) => Promise<ActionResult>;
}

/**
 * `/hold` and `/unhold`. A hold freezes automatic promotions; lifting it catches up: when
 * automatic promotion is on (the component has been in the registry), the latest passing
 * build of the watched branch is queued if the registry does not hold it yet, unless its
 * promotion already failed for good (then `/retry` is the way to try it again).
 */
export async function setHold(deps: SetHoldDeps, hold: boolean): Promise<ActionResult> {
  const evidence = await deps.record(hold);
  if (hold)
    return {
      outcome: "done",
      message: "Automatic promotions are on hold until a maintainer comments `/unhold`.",
    };
  const released =
    "Automatic promotions are released: each passing build of the watched branch goes to the registry again.";
  const { ci, registry } = evidence;
  if (!registry?.pushed) return { outcome: "done", message: released };
  if (!ci || ci.conclusion !== "success" || registry.pushed.sha === ci.sha)
    return { outcome: "done", message: `${released} The registry already holds the latest passing build.` };
  if (registry.lastFailure?.sha === ci.sha)
    return {
      outcome: "done",
      message: `${released} The latest passing build, ${ci.sha.slice(0, 7)}, failed to promote: ${registry.lastFailure.message}. Comment \`/retry\` to try it again.`,
    };
  const caughtUp = await deps.promoteLatest(evidence);
  return {
    outcome: "done",
    message:
      caughtUp.outcome === "done"
        ? `${released} Catching up: ${caughtUp.message}`
        : `${released} The latest passing build, ${ci.sha.slice(0, 7)}, passed during the hold but is not promoted: ${caughtUp.message}`,
    ...(caughtUp.details === undefined ? {} : { details: caughtUp.details }),
  };
}
