import { z } from "zod";
import type { Problem } from "../problem.js";

const DIGEST = /^sha256:[a-f0-9]{64}$/;

const imagesJsonSchema = z.object({
  images: z
    .array(
      z.object({
        name: z.string().min(1).max(255),
        ref: z.string().max(1024).optional(),
        digest: z.string().regex(DIGEST, "must be a sha256 digest like sha256:<64 hex>").optional(),
        tags: z.array(z.string().max(128)).max(100).default([]),
      }),
    )
    .max(100),
});

export type ImagesJson = z.output<typeof imagesJsonSchema>;

/** Largest `images.json` read. */
export const MAX_IMAGES_JSON_BYTES = 256 * 1024;

/**
 * Reads the `images.json` the CI workflow uploads with the results (`{ images: [{ name,
 * ref, digest, tags }] }`). It is untrusted: size-capped, schema-checked, every problem
 * reported against the file.
 */
export function parseImagesJson(text: string, file: string): { images?: ImagesJson; problems: Problem[] } {
  const problem = (message: string, path?: string): Problem => ({
    file,
    line: 1,
    column: 1,
    message,
    severity: "error",
    ...(path ? { path } : {}),
  });
  if (text.length > MAX_IMAGES_JSON_BYTES) {
    return {
      problems: [
        problem(`${file} is larger than ${MAX_IMAGES_JSON_BYTES} bytes; list only the built images`),
      ],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problems: [problem(`${file} is not JSON: ${(error as Error).message}`)] };
  }
  const parsed = imagesJsonSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => {
        const path = issue.path.map(String).join(".");
        return problem(`${path || "(root)"}: ${issue.message}`, path);
      }),
    };
  }
  return { images: parsed.data, problems: [] };
}
