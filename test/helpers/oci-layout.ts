/**
 * Writes OCI image layouts with random, incompressible layers, for pushing to a test registry with skopeo.
 * Layers are gzip'd single-file tars made by a minimal tar writer.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";

export interface WrittenImage {
  /** Digest of what the tag names: the image manifest, or the index for several platforms. */
  readonly digest: string;
  /** Image manifest digests, one per platform. */
  readonly manifests: readonly string[];
  /** Config and layer digests of every platform. */
  readonly blobs: readonly string[];
}

/** A ustar archive holding one regular file. */
export function tarOneFile(name: string, content: Uint8Array): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string): void => {
    header.write(value, offset, length, "ascii");
  };
  field(0, 100, name);
  field(100, 8, "0000644\0");
  field(108, 8, "0000000\0");
  field(116, 8, "0000000\0");
  field(124, 12, `${content.length.toString(8).padStart(11, "0")}\0`);
  field(136, 12, "00000000000\0");
  field(148, 8, "        ");
  field(156, 1, "0");
  field(257, 8, "ustar\x0000");
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

/**
 * Adds an image under `tag` to the layout at `dir` (created if needed; `index.json` is rewritten with every
 * tag written so far). One platform gives an image manifest; several give an OCI index over them.
 */
export function writeOciImage(
  dir: string,
  tag: string,
  options: { layerSizes: readonly number[]; platforms?: readonly { os: string; architecture: string }[] },
): WrittenImage {
  mkdirSync(join(dir, "blobs", "sha256"), { recursive: true });
  writeFileSync(join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  const put = (bytes: Uint8Array): string => {
    const hex = createHash("sha256").update(bytes).digest("hex");
    writeFileSync(join(dir, "blobs", "sha256", hex), bytes);
    return `sha256:${hex}`;
  };
  const platforms = options.platforms ?? [{ os: "linux", architecture: "amd64" }];
  const blobs: string[] = [];
  const manifests = platforms.map((platform) => {
    const layers = options.layerSizes.map((size, index) => {
      const tar = tarOneFile(`layer-${index}.bin`, randomBytes(size));
      const gz = gzipSync(tar, { level: 1 });
      return {
        diffId: `sha256:${createHash("sha256").update(tar).digest("hex")}`,
        descriptor: {
          mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
          digest: put(gz),
          size: gz.length,
        },
      };
    });
    const config = Buffer.from(
      JSON.stringify({
        architecture: platform.architecture,
        os: platform.os,
        created: "2026-01-01T00:00:00Z",
        config: { Env: ["SOFIE_TEST=1"] },
        rootfs: { type: "layers", diff_ids: layers.map((layer) => layer.diffId) },
      }),
    );
    const configDescriptor = {
      mediaType: "application/vnd.oci.image.config.v1+json",
      digest: put(config),
      size: config.length,
    };
    blobs.push(configDescriptor.digest, ...layers.map((layer) => layer.descriptor.digest));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: configDescriptor,
        layers: layers.map((layer) => layer.descriptor),
      }),
    );
    return { mediaType: OCI_MANIFEST, digest: put(manifest), size: manifest.length, platform };
  });
  let top: { mediaType: string; digest: string; size: number };
  if (manifests.length === 1) {
    const { platform: _platform, ...descriptor } = manifests[0]!;
    top = descriptor;
  } else {
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
    top = { mediaType: OCI_INDEX, digest: put(index), size: index.length };
  }
  const indexPath = join(dir, "index.json");
  const existing = readIndex(indexPath).filter(
    (entry) => entry.annotations?.["org.opencontainers.image.ref.name"] !== tag,
  );
  writeFileSync(
    indexPath,
    JSON.stringify({
      schemaVersion: 2,
      manifests: [...existing, { ...top, annotations: { "org.opencontainers.image.ref.name": tag } }],
    }),
  );
  return { digest: top.digest, manifests: manifests.map((m) => m.digest), blobs };
}

interface IndexEntry {
  annotations?: Record<string, string>;
}

function readIndex(path: string): IndexEntry[] {
  if (!existsSync(path)) return [];
  return (JSON.parse(readFileSync(path, "utf8")) as { manifests: IndexEntry[] }).manifests;
}
