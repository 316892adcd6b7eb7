import { RegistryError } from "../../ports/image-registry.js";
import { abortableSleep } from "./abortable-sleep.js";
import { backoffDelay } from "./backoff-delay.js";
import { shortDigest, type CopyContext } from "./copy-context.js";
import type { Descriptor } from "./parse-manifest.js";
import { verifyingStream } from "./verifying-stream.js";

/**
 * Makes sure the target holds one blob: HEAD first (present: skipped), else a cross-repository mount when
 * `mountFrom` is set, else an upload streamed straight from the source GET into the target PATCH, hashed
 * on the way and committed by the final `PUT ?digest=` only when the hash matches. A transient failure
 * restarts the blob's upload (at most the retry policy's attempts); a digest mismatch never retries.
 */
export async function copyBlob(ctx: CopyContext, blob: Descriptor): Promise<void> {
  const { target, targetRepository: repo } = ctx;
  const checkpointed = (await ctx.checkpoint?.done(blob.digest)) ?? false;
  const head = await target.send({
    method: "HEAD",
    url: `/v2/${repo}/blobs/${blob.digest}`,
    repository: repo,
    scopes: pushScopes(ctx),
    step: "checking blob",
    doing: `checking blob ${shortDigest(blob.digest)} on`,
    accept: [200, 404],
    retry: true,
    ...signalOf(ctx),
  });
  if (head.status === 200) {
    ctx.counters.blobsSkipped++;
    ctx.emit({ kind: "blob-skipped", digest: blob.digest, size: blob.size, checkpointed });
    await ctx.checkpoint?.markDone(blob.digest);
    return;
  }
  let location = await startUpload(ctx, blob);
  if (location === "mounted") {
    ctx.counters.blobsMounted++;
    ctx.emit({ kind: "blob-mounted", digest: blob.digest, size: blob.size, checkpointed });
    await ctx.checkpoint?.markDone(blob.digest);
    return;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await upload(ctx, blob, location);
      break;
    } catch (error) {
      await discard(ctx, location);
      const transient = error instanceof RegistryError && error.details.transient;
      if (!transient || attempt >= ctx.retry.attempts || ctx.signal?.aborted) throw error;
      await abortableSleep(backoffDelay(ctx.retry, attempt), ctx.signal);
      const restarted = await startUpload(ctx, blob, false);
      if (restarted === "mounted") throw new Error("unreachable: mount was not requested");
      location = restarted;
    }
  }
  ctx.counters.blobsSent++;
  ctx.counters.bytesSent += blob.size;
  ctx.emit({ kind: "blob-sent", digest: blob.digest, size: blob.size });
  await ctx.checkpoint?.markDone(blob.digest);
}

function pushScopes(ctx: CopyContext): string[] {
  return [`repository:${ctx.targetRepository}:pull,push`];
}

function signalOf(ctx: CopyContext): { signal?: AbortSignal } {
  return ctx.signal === undefined ? {} : { signal: ctx.signal };
}

/** Opens an upload session; with `mountFrom` the same POST asks for a mount first (201 = mounted). */
async function startUpload(ctx: CopyContext, blob: Descriptor, mount = true): Promise<URL | "mounted"> {
  const repo = ctx.targetRepository;
  const mountFrom = mount ? ctx.mountFrom : undefined;
  const query = mountFrom === undefined ? "" : `?mount=${blob.digest}&from=${mountFrom}`;
  const response = await ctx.target.send({
    method: "POST",
    url: `/v2/${repo}/blobs/uploads/${query}`,
    repository: repo,
    scopes: mountFrom === undefined ? pushScopes(ctx) : [...pushScopes(ctx), `repository:${mountFrom}:pull`],
    step: mountFrom === undefined ? "pushing blob" : "mounting blob",
    doing: `${mountFrom === undefined ? "starting the upload of" : "mounting"} blob ${shortDigest(blob.digest)} to`,
    headers: { "content-length": "0" },
    accept: [201, 202],
    retry: true,
    ...signalOf(ctx),
  });
  await response.body?.cancel();
  if (response.status === 201 && mountFrom !== undefined) return "mounted";
  return uploadLocation(ctx, response, "starting the upload of");
}

async function upload(ctx: CopyContext, blob: Descriptor, location: URL): Promise<void> {
  const { source, target, targetRepository: repo } = ctx;
  const short = shortDigest(blob.digest);
  const response = await source.send({
    method: "GET",
    url: `/v2/${ctx.sourceRepository}/blobs/${blob.digest}`,
    repository: ctx.sourceRepository,
    scopes: [`repository:${ctx.sourceRepository}:pull`],
    step: "fetching blob",
    doing: `fetching blob ${short} from`,
    accept: [200],
    retry: true,
    ...signalOf(ctx),
  });
  const algorithm = blob.digest.startsWith("sha512:") ? "sha512" : "sha256";
  const verifier = verifyingStream(algorithm, blob.size, (bytes) =>
    ctx.emit({ kind: "blob-progress", digest: blob.digest, bytes, size: blob.size }),
  );
  const reader = (response.body ?? new Response(new Uint8Array()).body!)
    .pipeThrough(verifier.stream)
    .getReader();
  // Chunks of a known length, each PATCH awaited before the next is read: fetch buffers a streamed request
  // body ahead of the socket, so this is what keeps memory bounded by the chunk size, not the layer size.
  let pending: Uint8Array | undefined;
  let url = location;
  try {
    for (let offset = 0; offset < blob.size;) {
      const length = Math.min(ctx.chunkSize, blob.size - offset);
      let remaining = length;
      const part = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            if (remaining === 0) return controller.close();
            let chunk = pending;
            pending = undefined;
            if (chunk === undefined) {
              const next = await reader.read();
              if (next.done) return controller.close();
              chunk = next.value;
            }
            if (chunk.byteLength > remaining) {
              pending = chunk.subarray(remaining);
              chunk = chunk.subarray(0, remaining);
            }
            remaining -= chunk.byteLength;
            controller.enqueue(chunk);
          },
        },
        { highWaterMark: 0 },
      );
      let patched: Response;
      try {
        patched = await target.send({
          method: "PATCH",
          url,
          repository: repo,
          scopes: pushScopes(ctx),
          step: "pushing blob",
          doing: `pushing blob ${short} to`,
          headers: {
            "content-type": "application/octet-stream",
            "content-length": String(length),
            "content-range": `${offset}-${offset + length - 1}`,
          },
          body: part,
          accept: [202, 204],
          retry: false,
          ...signalOf(ctx),
        });
      } catch (error) {
        if (verifier.failure() !== undefined) throw mismatch(ctx, blob, verifier.failure()!);
        if (remaining > 0) throw mismatch(ctx, blob, `it served only ${verifier.bytes()} bytes`);
        throw error;
      }
      await patched.body?.cancel();
      url = await uploadLocation(ctx, patched, "pushing blob");
      offset += length;
    }
    // Everything declared has passed; the source must be at its end now.
    if (pending !== undefined || !(await reader.read()).done)
      throw mismatch(ctx, blob, verifier.failure() ?? `it served more than ${blob.size} bytes`);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const actual = verifier.digest();
  if (verifier.bytes() !== blob.size || actual !== blob.digest)
    throw mismatch(ctx, blob, `it served ${verifier.bytes()} bytes with digest ${shortDigest(actual)}`);
  const commit = new URL(url);
  commit.searchParams.set("digest", blob.digest);
  const done = await target.send({
    method: "PUT",
    url: commit,
    repository: repo,
    scopes: pushScopes(ctx),
    step: "pushing blob",
    doing: `committing blob ${short} to`,
    headers: { "content-length": "0" },
    accept: [201, 204],
    retry: false,
    ...signalOf(ctx),
  });
  await done.body?.cancel();
}

function mismatch(ctx: CopyContext, blob: Descriptor, what: string): RegistryError {
  return new RegistryError(
    `fetching blob ${shortDigest(blob.digest)} from ${ctx.source.where(ctx.sourceRepository)}: ${what}, ` +
      `but the manifest says ${blob.size} bytes with digest ${shortDigest(blob.digest)} — the source is corrupt or ` +
      `tampered with; nothing was tagged`,
    { host: ctx.source.host, repository: ctx.sourceRepository, step: "fetching blob", transient: false },
  );
}

async function uploadLocation(ctx: CopyContext, response: Response, doing: string): Promise<URL> {
  const location = response.headers.get("location");
  if (location === null)
    throw new RegistryError(
      `${doing} a blob to ${ctx.target.where(ctx.targetRepository)}: the registry gave no upload Location`,
      { host: ctx.target.host, repository: ctx.targetRepository, step: "pushing blob", transient: false },
    );
  return new URL(location, response.url);
}

/** Best effort: tell the target to drop a failed upload session so it does not linger until GC. */
async function discard(ctx: CopyContext, location: URL): Promise<void> {
  try {
    const response = await ctx.target.send({
      method: "DELETE",
      url: location,
      repository: ctx.targetRepository,
      scopes: pushScopes(ctx),
      step: "pushing blob",
      doing: "cancelling an upload to",
      accept: [200, 202, 204, 404],
      retry: false,
    });
    await response.body?.cancel();
  } catch {
    // The upload expires on its own; this was only tidying.
  }
}
