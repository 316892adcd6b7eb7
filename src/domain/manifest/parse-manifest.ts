import type { Problem } from "../problem.js";
import { parseYamlWithSchema } from "../yaml/parse-yaml-with-schema.js";
import { componentManifestSchema } from "./component-manifest.js";
import type { ComponentManifest } from "./component-manifest.js";

/**
 * Parses and validates a component manifest (`.sofie/component.yml`). Every problem is reported with
 * the file, line and column; `manifest` is present only when no problem is an error.
 */
export function parseManifest(
  text: string,
  file: string,
): { manifest?: ComponentManifest; problems: Problem[] } {
  const result = parseYamlWithSchema(text, file, componentManifestSchema, {
    what: "component manifest",
    someKeys: ["component", "pilot", "images", "developers"],
  });
  return result.value === undefined
    ? { problems: result.problems }
    : { manifest: result.value, problems: result.problems };
}
