import type { ImagesJson } from "../images/parse-images-json.js";
import type { ComponentManifest } from "../manifest/component-manifest.js";
import { renderTagTemplate } from "../manifest/tag-template.js";
import type { ImagesEvidence } from "./evidence.js";

export interface BuildRun {
  readonly sha: string;
  readonly branch: string;
  readonly runNumber: number;
  readonly runAttempt: number;
}

/**
 * What a CI run's `images.json` says about the manifest's images: which were built, their
 * digests and tags, and the tags the manifest's scheme expects for this run.
 */
export function imagesEvidence(
  manifest: ComponentManifest,
  images: ImagesJson | undefined,
  run: BuildRun,
): ImagesEvidence {
  const values = {
    sha: run.sha,
    short_sha: run.sha.slice(0, 7),
    branch: run.branch,
    run_number: String(run.runNumber),
    run_attempt: String(run.runAttempt),
  };
  return {
    sha: run.sha,
    declared: manifest.images.map((image) => image.name),
    built: (images?.images ?? []).map((image) => ({
      name: image.name,
      ...(image.digest ? { digest: image.digest } : {}),
      ...(image.ref ? { ref: image.ref } : {}),
      tags: image.tags,
    })),
    expectedTags: Object.fromEntries(
      manifest.images.map((image) => [image.name, image.tags.map((tag) => renderTagTemplate(tag, values))]),
    ),
  };
}
