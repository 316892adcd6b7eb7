import type { ComponentManifest } from "../domain/manifest/component-manifest.js";
import { parseManifest } from "../domain/manifest/parse-manifest.js";
import { MANIFEST_PATH } from "../domain/names.js";
import type { Problem } from "../domain/problem.js";

/** A repository's files at one commit (on GitHub) or in a checkout: a file's text, or undefined when there is none. */
export type ReadRepositoryFile = (path: string) => Promise<string | undefined>;

/** The manifest as read: valid (with its values) or not, with every problem. */
export interface ManifestRead {
  /** Undefined when the manifest is invalid. */
  readonly manifest?: ComponentManifest;
  readonly problems: readonly Problem[];
}

/**
 * The one manifest reader, shared by the app and the CLI: reads {@link MANIFEST_PATH} and
 * validates it. Undefined when the repository has no manifest.
 */
export async function readManifest(readFile: ReadRepositoryFile): Promise<ManifestRead | undefined> {
  const text = await readFile(MANIFEST_PATH);
  if (text === undefined) return undefined;
  const { manifest, problems } = parseManifest(text, MANIFEST_PATH);
  return manifest ? { manifest, problems } : { problems };
}
