import type { MaturityEvaluation } from "../maturity/maturity-evaluation.js";
import { sentence } from "./inline-text.js";

/**
 * The warning of a level that fell, for the status issue and the maturity check: which level
 * fell and where to read why. The reasons themselves are the next level's missing list, shown
 * right below it, so they are not repeated here. Empty when the level did not fall.
 */
export function renderLoweredWarning(evaluation: MaturityEvaluation): string {
  const lowered = evaluation.lowered;
  if (!lowered) return "";
  const from = lowered.from === undefined ? "" : ` from level ${lowered.from}`;
  const listed = (evaluation.next?.missing.length ?? 0) > 0 ? "; what it misses is listed below" : "";
  return `> [!WARNING]\n> **The level was lowered${from}.** ${sentence(lowered.reason)}${listed}.`;
}
