import { neutralizeMarkdownMentions } from "./neutralize-mentions.js";

/**
 * The reply comment of a `/promote` while its job runs: who asked, which build, which
 * attempt, then one line per step. Lines echo images.json and registry answers, so no
 * mention in them may ping anyone; the requester's is the only live one.
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

/** The last line of a promotion that reached the registry. */
export function renderPromotionDone(digests: Readonly<Record<string, string>>): string {
  const list = Object.entries(digests)
    .map(([image, digest]) => `\`${image}@${digest}\``)
    .join(", ");
  return `✅ Done: ${list} in the registry.`;
}
