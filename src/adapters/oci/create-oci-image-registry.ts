import {
  RegistryError,
  type CopyImageInput,
  type CopyResult,
  type ImageRegistry,
} from "../../ports/image-registry.js";
import type { CopyContext } from "./copy-context.js";
import { copyManifest, tagManifest, targetDigest } from "./copy-manifest.js";
import { RegistrySession } from "./registry-session.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
import { validateCopyInput } from "./validate-copy-input.js";

/** Tuning for the OCI adapter; the defaults suit ECR and most registries. */
export interface OciImageRegistryOptions {
  /** Blobs of one image manifest copied at the same time (default 4). */
  readonly concurrency?: number;
  readonly retry?: RetryPolicy;
  /**
   * Upload each blob in `Content-Range` PATCHes of this many bytes, for a registry behind a proxy that caps
   * request bodies (ECR needs at least 5 MiB for every chunk but the last). Default: one streamed PATCH per
   * blob, which is faster; memory stays bounded by the high-water marks either way.
   */
  readonly chunkSize?: number;
  /** Bytes each stream of one blob copy buffers at most (default 1 MiB): peak memory ≈ concurrency × a few of these. */
  readonly highWaterMark?: number;
}

/**
 * The image registry port over the OCI distribution API, with Node's fetch (and `node:http` for blob
 * uploads) and no registry SDK.
 * `copyImage` copies a tag or digest (image manifest or multi-architecture index) from one registry to
 * another: blobs HEAD-checked and sent only when missing (mounted from `mountFrom` when possible, else
 * streamed and verified), manifests copied byte for byte by digest, tags written last and read back.
 */
export function createOciImageRegistry(options: OciImageRegistryOptions = {}): ImageRegistry {
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const concurrency = options.concurrency ?? 4;
  return {
    async copyImage(input: CopyImageInput): Promise<CopyResult> {
      validateCopyInput(input);
      // One failing blob stops its siblings; the caller's signal stops everything.
      const internal = new AbortController();
      const signal =
        input.signal === undefined ? internal.signal : AbortSignal.any([input.signal, internal.signal]);
      const ctx: CopyContext = {
        source: new RegistrySession(input.source.endpoint, "source", retry),
        target: new RegistrySession(input.target.endpoint, "target", retry),
        sourceRepository: input.source.repository,
        targetRepository: input.target.repository,
        mountFrom: input.mountFrom,
        checkpoint: input.checkpoint,
        signal,
        emit: input.onProgress ?? (() => undefined),
        retry,
        concurrency,
        chunkSize: options.chunkSize === undefined ? undefined : Math.max(options.chunkSize, 1024),
        highWaterMark: Math.max(options.highWaterMark ?? 1024 * 1024, 16 * 1024),
        counters: { manifests: 0, blobsSent: 0, blobsSkipped: 0, blobsMounted: 0, bytesSent: 0 },
        blobs: new Map(),
      };
      try {
        const top = await copyManifest(ctx, input.source.reference);
        for (const tag of input.target.tags) {
          await tagManifest(ctx, top, tag);
          ctx.emit({ kind: "manifest-pushed", digest: top.digest, reference: tag });
        }
        for (const reference of input.target.tags.length > 0 ? input.target.tags : [top.digest]) {
          const stored = await targetDigest(ctx, reference, top.mediaType, "verifying target");
          if (stored !== top.digest)
            throw new RegistryError(
              `verifying target ${reference} on ${ctx.target.where(ctx.targetRepository)}: it serves ` +
                `${stored ?? "nothing"}, expected ${top.digest}`,
              {
                host: ctx.target.host,
                repository: ctx.targetRepository,
                step: "verifying target",
                transient: true,
              },
            );
        }
        return { digest: top.digest, mediaType: top.mediaType, ...ctx.counters };
      } catch (error) {
        internal.abort(error);
        // The caller's abort surfaces as its own reason, not as whichever request noticed it first.
        if (input.signal?.aborted) throw input.signal.reason;
        throw error;
      }
    },
  };
}
