import type { PullRequestEffect } from "../maturity/evaluate-pull-request.js";
import { MANIFEST_PATH } from "../names.js";
import type { Problem } from "../problem.js";
import type { CheckAnnotation } from "./check-annotation.js";
import { inlineCode } from "./code-block.js";
import { inlineText } from "./inline-text.js";
import { toAnnotation } from "./to-annotation.js";

/** Problems listed in the summary; every one is annotated at its line anyway. */
const MAX_LISTED = 100;

export interface ManifestCheck {
  readonly title: string;
  readonly summary: string;
  readonly conclusion: "success" | "failure";
  readonly annotations: readonly CheckAnnotation[];
}

/**
 * The manifest check of a pull request that changes the manifest: valid or how many problems
 * (each annotated at its line and listed in the summary), and the level merging it would
 * leave the component at. `problems` undefined: the pull request removes the manifest.
 */
export function renderManifestCheck(
  problems: readonly Problem[] | undefined,
  effect: PullRequestEffect,
): ManifestCheck {
  const all = problems ?? [removedManifest()];
  const errors = all.filter((p) => p.severity === "error").length;
  const path = inlineCode(MANIFEST_PATH);
  const more = all.length - MAX_LISTED;
  const summary = [
    errors === 0
      ? `✅ ${path} is valid.`
      : `❌ ${path} has ${plural(errors, "problem")}; each is annotated at its line.`,
    "",
    `Merged, this pull request would leave the component at **level ${effect.after}** (${inlineText(effect.afterName, { max: 60 })}); it is at level ${effect.before} now.`,
    "",
    // Messages echo the manifest's values: one line each, no HTML, no live mention.
    ...all
      .slice(0, MAX_LISTED)
      .map((p) => `- line ${p.line}, column ${p.column}: ${inlineText(p.message, { max: 1000 })}`),
    ...(more > 0 ? [`- … and ${more} more, annotated at their lines`] : []),
  ].join("\n");
  return {
    title: errors === 0 ? "Manifest valid" : `${plural(errors, "manifest problem")}`,
    summary,
    conclusion: errors === 0 ? "success" : "failure",
    annotations: all.map(toAnnotation),
  };
}

function removedManifest(): Problem {
  return {
    file: MANIFEST_PATH,
    line: 1,
    column: 1,
    severity: "error",
    message: `this pull request removes ${MANIFEST_PATH}; the component would fall to level 0`,
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
