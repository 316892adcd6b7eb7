import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { RegistryError } from "../../ports/image-registry.js";
import { abortableSleep } from "./abortable-sleep.js";
import { backoffDelay } from "./backoff-delay.js";
import { shortDigest, type CopyContext } from "./copy-context.js";
import type { Descriptor } from "./parse-manifest.js";
import { StreamedResponse } from "./streamed-response.js";
import { nextPart, type PartReader } from "./next-part.js";
import { verifyingStream } from "./verifying-stream.js";

/**
 * Makes sure the target holds one blob: HEAD first (present: skipped), else a cross-repository mount when
 * `mountFrom` is set, else an upload streamed straight from the source GET into one target PATCH (over
 * `node:http`, with backpressure), hashed on the way and committed by the final `PUT ?digest=` only when the
 * hash matches. A transient failure
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
  // Without a mount to try, the source GET needs nothing from the POST: overlapping them saves a round trip.
  const opening = ctx.mountFrom === undefined ? openSource(ctx, blob) : undefined;
  opening?.catch(() => undefined);
  let location: URL | "mounted";
  try {
    location = await startUpload(ctx, blob);
  } catch (error) {
    void opening?.then(release, () => undefined);
    throw error;
  }
  if (location === "mounted") {
    ctx.counters.blobsMounted++;
    ctx.emit({ kind: "blob-mounted", digest: blob.digest, size: blob.size, checkpointed });
    await ctx.checkpoint?.markDone(blob.digest);
    return;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await upload(ctx, blob, location, attempt === 1 ? opening : undefined);
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

/** The source's `GET` of the blob, its body not yet read (redirects to storage followed). */
function openSource(ctx: CopyContext, blob: Descriptor): Promise<Response> {
  return ctx.source.send({
    method: "GET",
    url: `/v2/${ctx.sourceRepository}/blobs/${blob.digest}`,
    repository: ctx.sourceRepository,
    scopes: [`repository:${ctx.sourceRepository}:pull`],
    step: "fetching blob",
    doing: `fetching blob ${shortDigest(blob.digest)} from`,
    accept: [200],
    streamAnswer: true,
    retry: true,
    ...signalOf(ctx),
  });
}

/** Lets go of a source answer that will not be read. */
async function release(response: Response): Promise<void> {
  if (response instanceof StreamedResponse) response.stream.destroy();
  else await response.body?.cancel();
}

async function upload(
  ctx: CopyContext,
  blob: Descriptor,
  location: URL,
  opened: Promise<Response> | undefined,
): Promise<void> {
  const { target, targetRepository: repo } = ctx;
  const short = shortDigest(blob.digest);
  const response = await (opened ?? openSource(ctx, blob));
  const verifier = verifyingStream(blob, ctx.highWaterMark, (bytes) =>
    ctx.emit({ kind: "blob-progress", digest: blob.digest, bytes, size: blob.size }),
  );
  const body =
    response instanceof StreamedResponse
      ? response.stream
      : response.body === null
        ? Readable.from([])
        : Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  // A source that fails mid-blob errors `body` while the verifier is still whole; a failing target
  // destroys the verifier first. That order tells whom the error message should blame.
  let sourceError: unknown;
  body.once("error", (error) => {
    if (!verifier.stream.destroyed) sourceError ??= error;
  });
  pipeline(body, verifier.stream).catch(() => undefined);
  // One PATCH streams the whole blob, unless chunkSize asks for Content-Range parts of that size.
  const chunked = ctx.chunkSize !== undefined && ctx.chunkSize < blob.size;
  const parts: PartReader | undefined = chunked
    ? { chunks: verifier.stream[Symbol.asyncIterator](), rest: undefined }
    : undefined;
  let url = location;
  try {
    let offset = 0;
    do {
      const length = parts === undefined ? blob.size : Math.min(ctx.chunkSize!, blob.size - offset);
      const headers: Record<string, string> = {
        "content-type": "application/octet-stream",
        "content-length": String(length),
      };
      if (parts !== undefined) headers["content-range"] = `${offset}-${offset + length - 1}`;
      const patched = await target.send({
        method: "PATCH",
        url,
        repository: repo,
        scopes: pushScopes(ctx),
        step: "pushing blob",
        doing: `pushing blob ${short} to`,
        headers,
        body: parts === undefined ? verifier.stream : nextPart(parts, length),
        accept: [202, 204],
        retry: false,
        ...signalOf(ctx),
      });
      await patched.body?.cancel();
      url = await uploadLocation(ctx, patched, "pushing blob", url);
      offset += length;
    } while (offset < blob.size);
    // Everything declared has gone out; the source must be at its end now (the verifier checks at the end).
    if (parts !== undefined && (parts.rest !== undefined || (await parts.chunks.next()).done !== true))
      throw new Error("more bytes than declared");
  } catch (error) {
    const failure = verifier.failure();
    if (failure !== undefined) throw mismatch(ctx, blob, failure);
    if (sourceError !== undefined && !ctx.signal?.aborted) throw sourceFailure(ctx, blob, sourceError);
    throw error;
  } finally {
    body.destroy();
    verifier.stream.destroy();
  }
  // Never commit what was not verified: the PATCH only succeeds after the verifier ended cleanly.
  const actual = verifier.digest();
  if (verifier.bytes() !== blob.size || actual !== blob.digest)
    throw mismatch(
      ctx,
      blob,
      `it served ${verifier.bytes()} bytes with digest ${actual === undefined ? "unknown" : shortDigest(actual)}`,
    );
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

/** The source connection broke mid-blob: transient, so the blob is tried again in a new upload session. */
function sourceFailure(ctx: CopyContext, blob: Descriptor, error: unknown): RegistryError {
  const cause =
    error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  return new RegistryError(
    `fetching blob ${shortDigest(blob.digest)} from ${ctx.source.where(ctx.sourceRepository)}: network error ` +
      `(${cause}) — is the registry reachable?`,
    { host: ctx.source.host, repository: ctx.sourceRepository, step: "fetching blob", transient: true },
  );
}

function mismatch(ctx: CopyContext, blob: Descriptor, what: string): RegistryError {
  return new RegistryError(
    `fetching blob ${shortDigest(blob.digest)} from ${ctx.source.where(ctx.sourceRepository)}: ${what}, ` +
      `but the manifest says ${blob.size} bytes with digest ${shortDigest(blob.digest)} — the source is corrupt or ` +
      `tampered with; nothing was tagged`,
    { host: ctx.source.host, repository: ctx.sourceRepository, step: "fetching blob", transient: false },
  );
}

async function uploadLocation(
  ctx: CopyContext,
  response: Response,
  doing: string,
  requested?: URL,
): Promise<URL> {
  const location = response.headers.get("location");
  if (location === null)
    throw new RegistryError(
      `${doing} a blob to ${ctx.target.where(ctx.targetRepository)}: the registry gave no upload Location`,
      { host: ctx.target.host, repository: ctx.targetRepository, step: "pushing blob", transient: false },
    );
  // Answers to node:http uploads carry no url; the Location is relative to what was requested.
  return new URL(location, response.url === "" ? requested : response.url);
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
