import type { ManifestEvidence } from "../domain/maturity/evidence.js";
import type { ComponentManifest } from "../domain/manifest/component-manifest.js";
import type { Problem } from "../domain/problem.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { SourceReader } from "../ports/source-reader.js";
import { checkImages } from "./check-images.js";
import { readManifest, type ReadRepositoryFile } from "./read-manifest.js";

export interface ComponentAtCommit {
  /** Undefined when the commit has no manifest. */
  readonly manifestEvidence?: ManifestEvidence;
  readonly manifest?: ComponentManifest;
  /** Dockerfile findings, when the manifest is valid. */
  readonly dockerfileFindings?: readonly Problem[];
}

/** What a commit says about the component: its manifest (validated) and the Dockerfile check of its images. */
export function readComponent(
  source: SourceReader,
  repo: RepositoryRef,
  sha: string,
): Promise<ComponentAtCommit> {
  return readComponentFiles((path) => source.readFile(repo, path, sha), sha);
}

/**
 * What a repository's files say about the component, however they are read (GitHub at a
 * commit, or a local checkout for `sofie-bot check`); `sha` names the commit in the evidence.
 */
export async function readComponentFiles(
  readFile: ReadRepositoryFile,
  sha: string,
): Promise<ComponentAtCommit> {
  const read = await readManifest(readFile);
  if (!read) return {};
  const manifestEvidence: ManifestEvidence = {
    sha,
    valid: read.manifest !== undefined,
    problems: read.problems,
    ...(read.manifest ? { component: read.manifest.component } : {}),
  };
  if (!read.manifest) return { manifestEvidence };
  const dockerfileFindings = await checkImages(read.manifest, readFile);
  return { manifestEvidence, manifest: read.manifest, dockerfileFindings };
}
