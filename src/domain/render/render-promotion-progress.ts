import { neutralizeMarkdownMentions } from "./neutralize-mentions.js";

/** A promotion's reply comment: who asked, which build, which attempt, and each step so far. */
export interface PromotionProgress {
  readonly requestedBy: string;
  readonly sha: string;
  readonly attempt: number;
  /** One line per step, oldest first (see the `promotion…` line functions below). */
  readonly lines: readonly string[];
}

/**
 * The reply comment a promotion keeps up to date: the requester's mention, then the steps as a
 * list. Lines echo `images.json` and registry answers, so no mention in them may ping anyone;
 * the requester's is the only live one.
 */
export function renderPromotionProgress(progress: PromotionProgress): string {
  const header = `@${progress.requestedBy} promotion of ${progress.sha.slice(0, 7)} to the registry (attempt ${progress.attempt}):`;
  const body = neutralizeMarkdownMentions(progress.lines.map((line) => `- ${line}`).join("\n"));
  return `${header}\n\n${body}`;
}

/** The step that creates or updates the registry repository. */
export function promotionPreparingLine(repository: string): string {
  return `Preparing \`${repository}\` (scan on push, immutable tags, lifecycle, repository policy)…`;
}

/** The step that copies one image. */
export function promotionCopyingLine(image: string, digest: string, repository: string): string {
  return `Copying \`${image}\` ${digest.slice(0, 19)}… to \`${repository}\`…`;
}

/** The last line of a promotion that succeeded: every image at its digest, and the bytes this attempt sent. */
export function promotionDoneLine(digests: Readonly<Record<string, string>>, bytesSent: number): string {
  const images = Object.entries(digests)
    .map(([image, digest]) => `\`${image}@${digest}\``)
    .join(", ");
  return `✅ Done: ${images} in the registry; ${bytesSent} blob bytes sent.`;
}

/**
 * The line of an attempt that failed: retried (`last` false) or failed for good, with what to
 * do about it.
 */
export function promotionFailedLine(
  failure: { readonly message: string; readonly action: string },
  attempt: number,
  last: boolean,
): string {
  return last
    ? `❌ Failed: ${failure.message}\n- What to do: ${failure.action}`
    : `⚠️ Attempt ${attempt} failed: ${failure.message}; retrying`;
}
