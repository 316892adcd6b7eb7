import { neutralizeMarkdownMentions } from "./neutralize-mentions.js";

/**
 * The reply comment of a `/promote` while its job runs: who asked, which build, which
 * attempt, then one line per step (the `renderPromotion…` line functions below). Lines echo
 * images.json and registry answers, so no mention in them may ping anyone; the requester's is
 * the only live one. The text is reviewed in `test/__outputs__/promotion-progress-*.md`.
 */
export function renderPromotionProgress(input: {
  readonly requestedBy: string;
  readonly sha: string;
  readonly attempt: number;
  readonly lines: readonly string[];
}): string {
  const header = `@${input.requestedBy} promotion of ${input.sha.slice(0, 7)} to the registry (attempt ${input.attempt}):`;
  return `${header}\n\n${neutralizeMarkdownMentions(input.lines.map((l) => `- ${l}`).join("\n"))}`;
}

/** The step that creates or updates the registry repository. */
export function renderPromotionPreparing(repository: string): string {
  return `Preparing \`${repository}\` (scan on push, immutable tags, lifecycle, repository policy)…`;
}

/** The step that copies one image. */
export function renderPromotionCopying(image: string, digest: string, repository: string): string {
  return `Copying \`${image}\` ${digest.slice(0, 19)}… to \`${repository}\`…`;
}

/** The last line of a promotion that reached the registry. */
export function renderPromotionDone(digests: Readonly<Record<string, string>>): string {
  const list = Object.entries(digests)
    .map(([image, digest]) => `\`${image}@${digest}\``)
    .join(", ");
  return `✅ Done: ${list} in the registry.`;
}

/** The line of an attempt that failed and is retried. */
export function renderPromotionRetrying(attempt: number, message: string): string {
  return `⚠️ Attempt ${attempt} failed: ${message}; retrying`;
}

/** The last line of a promotion that failed for good: why, and what to do about it. */
export function renderPromotionFailed(failure: {
  readonly message: string;
  readonly action: string;
}): string {
  return `❌ Failed: ${failure.message}\n- What to do: ${failure.action}`;
}
