import { createHash, type Hash } from "node:crypto";
import { Transform } from "node:stream";
import { shortDigest } from "./copy-context.js";

/** A pass-through stream that hashes what flows and refuses anything but the descriptor's bytes. */
export interface VerifyingStream {
  readonly stream: Transform;
  /** Bytes that passed so far. */
  bytes(): number;
  /** `sha256:<hex>` of everything that passed, once the stream has ended (undefined before). */
  digest(): string | undefined;
  /** Why the stream was stopped (too many or too few bytes, another digest), if it was. */
  failure(): string | undefined;
}

/**
 * Hashes a blob while it streams from source to target, so a blob is verified without ever being held
 * whole in memory. Errors the stream as soon as the source sends more than `expected.size` bytes (a hostile
 * or broken source must not make us upload an endless body), and at the end when the byte count or the
 * digest differ, before the last write is finished: the upload request it feeds is then destroyed, never
 * completed. `highWaterMark` bounds what it buffers on each side.
 */
export function verifyingStream(
  expected: { readonly digest: string; readonly size: number },
  highWaterMark: number,
  onBytes: (total: number) => void,
): VerifyingStream {
  const algorithm = expected.digest.startsWith("sha512:") ? "sha512" : "sha256";
  const hash: Hash = createHash(algorithm);
  let total = 0;
  let stopped: string | undefined;
  let digest: string | undefined;
  const stream = new Transform({
    highWaterMark,
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.byteLength;
      if (total > expected.size) {
        stopped = `the source sent more than the ${expected.size} bytes the manifest declares`;
        return callback(new Error(stopped));
      }
      hash.update(chunk);
      onBytes(total);
      callback(null, chunk);
    },
    flush(callback) {
      digest = `${algorithm}:${hash.digest("hex")}`;
      if (total !== expected.size || digest !== expected.digest) {
        stopped = `it served ${total} bytes with digest ${shortDigest(digest)}`;
        return callback(new Error(stopped));
      }
      callback();
    },
  });
  return { stream, bytes: () => total, digest: () => digest, failure: () => stopped };
}
