import type { ArtifactArchive } from "./artifact-archive.js";
import type { RepositoryRef } from "./repository-ref.js";

export interface ArtifactInfo {
  readonly id: number;
  readonly name: string;
  readonly sizeInBytes: number;
  readonly expired: boolean;
}

/** The CI system's artifacts (GitHub Actions). */
export interface CiArtifacts {
  /** The artifact of that name uploaded by the workflow run, if any. */
  findRunArtifact(repo: RepositoryRef, runId: number, name: string): Promise<ArtifactInfo | undefined>;
  /** Downloads and opens the artifact; the caller closes it. */
  openArtifact(repo: RepositoryRef, artifact: ArtifactInfo): Promise<ArtifactArchive>;
}
