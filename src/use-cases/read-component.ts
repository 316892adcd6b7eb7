import type { ManifestEvidence } from "../domain/maturity/evidence.js";
import type { ComponentManifest } from "../domain/manifest/component-manifest.js";
import { parseManifest } from "../domain/manifest/parse-manifest.js";
import type { Problem } from "../domain/problem.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { SourceReader } from "../ports/source-reader.js";
import { checkImages } from "./check-images.js";
import { MANIFEST_PATH } from "./report-tests.js";

export interface ComponentAtCommit {
  /** Undefined when the commit has no manifest. */
  readonly manifestEvidence?: ManifestEvidence;
  readonly manifest?: ComponentManifest;
  /** Dockerfile findings, when the manifest is valid. */
  readonly dockerfileFindings?: readonly Problem[];
}

/** What a commit says about the component: its manifest (validated) and the Dockerfile check of its images. */
export async function readComponent(
  source: SourceReader,
  repo: RepositoryRef,
  sha: string,
): Promise<ComponentAtCommit> {
  const text = await source.readFile(repo, MANIFEST_PATH, sha);
  if (text === undefined) return {};
  const { manifest, problems } = parseManifest(text, MANIFEST_PATH);
  const manifestEvidence: ManifestEvidence = {
    sha,
    valid: manifest !== undefined,
    problems,
    ...(manifest ? { component: manifest.component } : {}),
  };
  if (!manifest) return { manifestEvidence };
  const dockerfileFindings = await checkImages(manifest, (path) => source.readFile(repo, path, sha));
  return { manifestEvidence, manifest, dockerfileFindings };
}
