import { parseImageRef } from "../images/parse-image-ref.js";
import type { ImagesJson } from "../images/parse-images-json.js";
import type { ComponentManifest } from "../manifest/component-manifest.js";
import { renderTagTemplate } from "../manifest/tag-template.js";
import type { Problem } from "../problem.js";
import type { ImagesEvidence } from "./evidence.js";
import { shortDigest } from "./built-in-check.js";

export interface BuildRun {
  readonly sha: string;
  readonly branch: string;
  readonly runNumber: number;
  readonly runAttempt: number;
}

export interface ImagesEvidenceOptions {
  /** The CI registry hosts the operator trusts (`host` or `host:port`): images are read from these only. */
  readonly registryHosts: readonly string[];
  /** What `parseImagesJson` found wrong with the file, if anything. */
  readonly problems?: readonly Problem[];
}

/**
 * What a CI run's `images.json` says about the manifest's images: which were built, their
 * digests and tags, and the tags the manifest's scheme expects for this run. The file is
 * written by the component's CI and is untrusted: an entry on a host that is not a trusted
 * CI registry, an entry whose `ref` digest and `digest` disagree, or two entries for one
 * image make the whole file refused (`problems`), so nothing is promoted from the run.
 */
export function imagesEvidence(
  manifest: ComponentManifest,
  images: ImagesJson | undefined,
  run: BuildRun,
  options: ImagesEvidenceOptions,
): ImagesEvidence {
  const values = {
    sha: run.sha,
    short_sha: run.sha.slice(0, 7),
    branch: run.branch,
    run_number: String(run.runNumber),
    run_attempt: String(run.runAttempt),
  };
  const entries = images?.images ?? [];
  const problems = [
    ...(options.problems ?? []).map((problem) => problem.message),
    ...entryProblems(entries, options.registryHosts),
  ];
  return {
    sha: run.sha,
    declared: manifest.images.map((image) => image.name),
    built: entries.map((image) => ({
      name: image.name,
      ...(image.digest ? { digest: image.digest } : {}),
      ...(image.ref ? { ref: image.ref } : {}),
      tags: image.tags,
    })),
    expectedTags: Object.fromEntries(
      manifest.images.map((image) => [image.name, image.tags.map((tag) => renderTagTemplate(tag, values))]),
    ),
    ...(problems.length > 0 ? { problems } : {}),
  };
}

function entryProblems(entries: ImagesJson["images"], registryHosts: readonly string[]): string[] {
  const problems: string[] = [];
  const trusted = new Set(registryHosts.map((host) => host.toLowerCase()));
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, index) => {
    const which = `images[${index}] ("${entry.name}")`;
    const first = firstIndex.get(entry.name);
    if (first !== undefined) {
      problems.push(
        `images[${first}] and images[${index}] both describe "${entry.name}"; list each image once`,
      );
    } else firstIndex.set(entry.name, index);
    if (entry.ref === undefined) return;
    const ref = parseImageRef(entry.ref);
    if (!ref) {
      problems.push(
        `${which}: ref "${entry.ref.slice(0, 200)}" is not an image reference; write host/repository@sha256:<digest>`,
      );
      return;
    }
    if (!trusted.has(ref.host.toLowerCase())) {
      problems.push(
        `${which}: ref is on ${ref.host}, which is not a CI registry this platform reads from ` +
          `(${[...trusted].join(", ") || "none configured"}); push the image to one of them`,
      );
    }
    if (ref.digest && entry.digest && ref.digest !== entry.digest) {
      problems.push(
        `${which}: ref names ${shortDigest(ref.digest)}… but digest says ${shortDigest(entry.digest)}…; ` +
          "both must be the digest of the image this run built",
      );
    }
  });
  return problems;
}
