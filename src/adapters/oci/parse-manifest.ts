import { isDigest } from "./is-digest.js";
import { MANIFEST_MEDIA_TYPES } from "./manifest-media-types.js";

/** A content descriptor, as manifests list them. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

/** What a copy needs from a manifest: its kind and what it points at. */
export type ParsedManifest =
  | { readonly kind: "index"; readonly mediaType: string; readonly manifests: readonly Descriptor[] }
  | { readonly kind: "image"; readonly mediaType: string; readonly blobs: readonly Descriptor[] };

const INDEX_TYPES: readonly string[] = [
  MANIFEST_MEDIA_TYPES.ociIndex,
  MANIFEST_MEDIA_TYPES.dockerManifestList,
];
const IMAGE_TYPES: readonly string[] = [
  MANIFEST_MEDIA_TYPES.ociManifest,
  MANIFEST_MEDIA_TYPES.dockerManifest,
];

/**
 * Reads an image manifest or index (untrusted bytes from the source). The media type is the manifest's own
 * `mediaType` field, else the `Content-Type` the registry sent. Throws a plain `Error` saying what is wrong;
 * the caller adds where. Layers that must not be redistributed (foreign, with `urls`) are left out, as
 * other copy tools do.
 */
export function parseManifest(bytes: Uint8Array, contentType: string | null): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    throw new Error("the manifest is not JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new Error("the manifest is not an object");
  const manifest = json as Record<string, unknown>;
  const declared = typeof manifest["mediaType"] === "string" ? manifest["mediaType"] : undefined;
  const mediaType = declared ?? contentType?.split(";")[0]?.trim() ?? "";
  if (manifest["schemaVersion"] !== 2) throw new Error("only schemaVersion 2 manifests can be copied");
  if (INDEX_TYPES.includes(mediaType) || (declared === undefined && Array.isArray(manifest["manifests"]))) {
    return {
      kind: "index",
      mediaType: mediaType === "" ? MANIFEST_MEDIA_TYPES.ociIndex : mediaType,
      manifests: descriptors(manifest["manifests"], "manifests"),
    };
  }
  if (IMAGE_TYPES.includes(mediaType) || (declared === undefined && "config" in manifest)) {
    const config = descriptors([manifest["config"]], "config");
    const layers = descriptors(manifest["layers"], "layers").filter(
      (layer, index) => !(isForeign(layer) && hasUrls((manifest["layers"] as unknown[])[index])),
    );
    return {
      kind: "image",
      mediaType: mediaType === "" ? MANIFEST_MEDIA_TYPES.ociManifest : mediaType,
      blobs: [...config, ...layers],
    };
  }
  throw new Error(`media type "${mediaType}" is not an image manifest or index this copy understands`);
}

function descriptors(value: unknown, field: string): Descriptor[] {
  if (!Array.isArray(value)) throw new Error(`"${field}" is not a list`);
  return value.map((item, index) => {
    const entry = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const { mediaType, digest, size } = entry;
    if (typeof digest !== "string" || !isDigest(digest))
      throw new Error(`${field}[${index}] has no valid digest (expected sha256:<64 hex>)`);
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0)
      throw new Error(`${field}[${index}] has no valid size`);
    return { mediaType: typeof mediaType === "string" ? mediaType : "", digest, size };
  });
}

function isForeign(layer: Descriptor): boolean {
  return layer.mediaType.includes("foreign") || layer.mediaType.includes("nondistributable");
}

function hasUrls(layer: unknown): boolean {
  return Array.isArray((layer as { urls?: unknown }).urls);
}
