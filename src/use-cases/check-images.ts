import { checkDockerfile } from "../domain/dockerfile/check-dockerfile.js";
import type { ComponentManifest } from "../domain/manifest/component-manifest.js";
import { MANIFEST_PATH } from "../domain/names.js";
import type { Problem } from "../domain/problem.js";

/** Largest Dockerfile read; a bigger one is a finding, not a crash. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/**
 * The Dockerfile parametrisation check for every image of the manifest, over any way of
 * reading files (GitHub at a commit, or a local checkout for `sofie-bot check`).
 */
export async function checkImages(
  manifest: ComponentManifest,
  readFile: (path: string) => Promise<string | undefined>,
): Promise<Problem[]> {
  const findings: Problem[] = [];
  for (const image of manifest.images) {
    const path = image.dockerfile.replace(/^\.\//, ""); // relative to the repository root
    const text = await readFile(path);
    if (text === undefined) {
      findings.push({
        file: path,
        line: 1,
        column: 1,
        severity: "error",
        message: `image "${image.name}": no Dockerfile at ${path}; fix images[].dockerfile or images[].context in ${MANIFEST_PATH}`,
      });
    } else if (text.length > MAX_DOCKERFILE_BYTES) {
      findings.push({
        file: path,
        line: 1,
        column: 1,
        severity: "error",
        message: `${path} is larger than ${MAX_DOCKERFILE_BYTES} bytes`,
      });
    } else {
      findings.push(...checkDockerfile(text, path, image));
    }
  }
  return findings;
}
