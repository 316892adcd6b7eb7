import type { CopyCheckpoint, CopyProgressEvent } from "../../ports/image-registry.js";
import type { RegistrySession } from "./registry-session.js";
import type { RetryPolicy } from "./retry-policy.js";

/** Running totals of one copy; they become the `CopyResult`. */
export interface CopyCounters {
  manifests: number;
  blobsSent: number;
  blobsSkipped: number;
  blobsMounted: number;
  bytesSent: number;
}

/** Everything the steps of one copy share. */
export interface CopyContext {
  readonly source: RegistrySession;
  readonly target: RegistrySession;
  readonly sourceRepository: string;
  readonly targetRepository: string;
  readonly mountFrom: string | undefined;
  readonly checkpoint: CopyCheckpoint | undefined;
  readonly signal: AbortSignal | undefined;
  readonly emit: (event: CopyProgressEvent) => void;
  readonly retry: RetryPolicy;
  /** Blobs copied at the same time within one image manifest. */
  readonly concurrency: number;
  /** Bytes per upload PATCH; undefined sends each blob in one streamed PATCH. */
  readonly chunkSize: number | undefined;
  /** Bytes each stream of a blob copy buffers at most (source, verifier, upload). */
  readonly highWaterMark: number;
  readonly counters: CopyCounters;
  /** Blobs already handled (or being handled) in this copy: a layer shared by two platforms goes once. */
  readonly blobs: Map<string, Promise<void>>;
}

/** `sha256:0123456789ab…`, short enough for a message and still recognisable. */
export function shortDigest(digest: string): string {
  const [algorithm, hex = ""] = digest.split(":");
  return `${algorithm}:${hex.slice(0, 12)}…`;
}
