import { createHash } from "node:crypto";
import { RegistryError, type RegistryStep } from "../../ports/image-registry.js";
import { copyBlob } from "./copy-blob.js";
import { shortDigest, type CopyContext } from "./copy-context.js";
import { MANIFEST_MEDIA_TYPES } from "./manifest-media-types.js";
import { parseManifest, type Descriptor } from "./parse-manifest.js";
import { readCapped } from "./read-capped.js";

const MANIFEST_LIMIT = 4 * 1024 * 1024;
const ACCEPT = Object.values(MANIFEST_MEDIA_TYPES).join(", ");

/** A manifest as the source served it: the exact bytes are what is copied, so the digest stays. */
export interface FetchedManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

/**
 * Copies one manifest and everything below it to the target by digest: an index's children first (each by
 * digest), an image's config and layers first, then the manifest's exact bytes. It writes no tag; the caller
 * tags only once the whole tree has arrived and been verified.
 */
export async function copyManifest(
  ctx: CopyContext,
  reference: string,
  expected?: Descriptor,
): Promise<FetchedManifest> {
  const manifest = await fetchManifest(ctx, reference, expected);
  const parsed = parse(ctx, manifest);
  ctx.emit({ kind: "manifest-fetched", digest: manifest.digest, mediaType: manifest.mediaType });
  if (parsed.kind === "index") {
    for (const child of parsed.manifests) await copyManifest(ctx, child.digest, child);
  } else if (await targetHas(ctx, manifest.digest)) {
    // The registry accepted this manifest before, so it verified every blob it names was there.
    ctx.counters.blobsSkipped += parsed.blobs.length;
    for (const blob of parsed.blobs) {
      const checkpointed = (await ctx.checkpoint?.done(blob.digest)) ?? false;
      ctx.emit({ kind: "blob-skipped", digest: blob.digest, size: blob.size, checkpointed });
    }
  } else {
    await copyBlobs(ctx, parsed.blobs);
  }
  await putManifest(ctx, manifest, manifest.digest);
  ctx.counters.manifests++;
  await ctx.checkpoint?.markDone(manifest.digest);
  return manifest;
}

/** Points `tag` at the manifest, unless it already does (immutable-tag registries refuse a rewrite). */
export async function tagManifest(ctx: CopyContext, manifest: FetchedManifest, tag: string): Promise<void> {
  if ((await targetDigest(ctx, tag, manifest.mediaType, "checking manifest")) === manifest.digest) return;
  await putManifest(ctx, manifest, tag);
}

/** The digest the target serves for `reference`, or undefined when it has nothing there. */
export async function targetDigest(
  ctx: CopyContext,
  reference: string,
  mediaType: string,
  step: RegistryStep,
): Promise<string | undefined> {
  const response = await ctx.target.send({
    method: "HEAD",
    url: `/v2/${ctx.targetRepository}/manifests/${reference}`,
    repository: ctx.targetRepository,
    scopes: [`repository:${ctx.targetRepository}:pull,push`],
    step,
    doing: `${step} ${reference.includes(":") ? shortDigest(reference) : reference} on`,
    headers: { accept: `${mediaType}, ${ACCEPT}` },
    accept: [200, 404],
    retry: true,
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  });
  await response.body?.cancel();
  return response.status === 200 ? (response.headers.get("docker-content-digest") ?? undefined) : undefined;
}

async function targetHas(ctx: CopyContext, digest: string): Promise<boolean> {
  return (await targetDigest(ctx, digest, "*/*", "checking manifest")) !== undefined;
}

async function copyBlobs(ctx: CopyContext, blobs: readonly Descriptor[]): Promise<void> {
  const queue = [...blobs];
  const worker = async (): Promise<void> => {
    for (let blob = queue.shift(); blob !== undefined; blob = queue.shift()) {
      const known = ctx.blobs.get(blob.digest);
      if (known !== undefined) {
        await known;
        continue;
      }
      const copying = copyBlob(ctx, blob);
      ctx.blobs.set(blob.digest, copying);
      await copying;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(ctx.concurrency, blobs.length)) }, worker));
}

async function fetchManifest(
  ctx: CopyContext,
  reference: string,
  expected?: Descriptor,
): Promise<FetchedManifest> {
  const where = ctx.source.where(ctx.sourceRepository);
  const shown = reference.includes(":") ? shortDigest(reference) : reference;
  const response = await ctx.source.send({
    method: "GET",
    url: `/v2/${ctx.sourceRepository}/manifests/${reference}`,
    repository: ctx.sourceRepository,
    scopes: [`repository:${ctx.sourceRepository}:pull`],
    step: "fetching manifest",
    doing: `fetching manifest ${shown} from`,
    headers: { accept: ACCEPT },
    accept: [200],
    retry: true,
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  });
  const bytes = await readCapped(response, MANIFEST_LIMIT);
  const refuse = (why: string): RegistryError =>
    new RegistryError(`fetching manifest ${shown} from ${where}: ${why}`, {
      host: ctx.source.host,
      repository: ctx.sourceRepository,
      step: "fetching manifest",
      transient: false,
    });
  if (bytes === undefined) throw refuse(`the manifest is larger than ${MANIFEST_LIMIT} bytes`);
  const wanted = expected?.digest ?? (reference.includes(":") ? reference : undefined);
  const algorithm = wanted?.startsWith("sha512:") ? "sha512" : "sha256";
  const digest = `${algorithm}:${createHash(algorithm).update(bytes).digest("hex")}`;
  if (wanted !== undefined && digest !== wanted)
    throw refuse(
      `the source served bytes with digest ${shortDigest(digest)}, not the requested ${shortDigest(wanted)}`,
    );
  const header = response.headers.get("docker-content-digest");
  if (header !== null && header.startsWith(`${algorithm}:`) && header !== digest)
    throw refuse(`the bytes hash to ${shortDigest(digest)} but the registry says ${shortDigest(header)}`);
  const contentType = response.headers.get("content-type");
  let mediaType: string;
  try {
    mediaType = parseManifest(bytes, contentType).mediaType;
  } catch (error) {
    throw refuse((error as Error).message);
  }
  return { digest, mediaType, bytes };
}

function parse(ctx: CopyContext, manifest: FetchedManifest): ReturnType<typeof parseManifest> {
  // fetchManifest parsed it once already; parsing again keeps FetchedManifest a plain value.
  try {
    return parseManifest(manifest.bytes, manifest.mediaType);
  } catch (error) {
    throw new RegistryError(
      `fetching manifest ${shortDigest(manifest.digest)}: ${(error as Error).message}`,
      {
        host: ctx.source.host,
        repository: ctx.sourceRepository,
        step: "fetching manifest",
        transient: false,
      },
    );
  }
}

async function putManifest(ctx: CopyContext, manifest: FetchedManifest, reference: string): Promise<void> {
  const shown = reference.includes(":") ? shortDigest(reference) : reference;
  const response = await ctx.target.send({
    method: "PUT",
    url: `/v2/${ctx.targetRepository}/manifests/${reference}`,
    repository: ctx.targetRepository,
    scopes: [`repository:${ctx.targetRepository}:pull,push`],
    step: "pushing manifest",
    doing: `pushing manifest ${shown} to`,
    headers: { "content-type": manifest.mediaType },
    body: manifest.bytes,
    accept: [200, 201, 204],
    retry: true,
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  });
  await response.body?.cancel();
  const stored = response.headers.get("docker-content-digest");
  if (stored !== null && stored !== manifest.digest)
    throw new RegistryError(
      `pushing manifest ${shown} to ${ctx.target.where(ctx.targetRepository)}: the target stored digest ` +
        `${shortDigest(stored)}, not ${shortDigest(manifest.digest)} — it rewrote the manifest`,
      { host: ctx.target.host, repository: ctx.targetRepository, step: "pushing manifest", transient: false },
    );
}
