import { createHash, type Hash } from "node:crypto";

/** A pass-through stream that hashes what flows and refuses more bytes than the descriptor declares. */
export interface VerifyingStream {
  readonly stream: TransformStream<Uint8Array, Uint8Array>;
  /** Bytes that passed so far. */
  bytes(): number;
  /** `sha256:<hex>` of everything that passed (call once, after the stream ended). */
  digest(): string;
  /** Why the stream was stopped (more bytes than expected), if it was. */
  failure(): string | undefined;
}

/**
 * Hashes a blob while it streams from source to target, so a blob is verified without ever being held
 * whole in memory. Stops the stream as soon as the source sends more than `expectedSize` bytes (a hostile
 * or broken source must not make us upload an endless body).
 */
export function verifyingStream(
  algorithm: "sha256" | "sha512",
  expectedSize: number,
  onBytes: (total: number) => void,
): VerifyingStream {
  const hash: Hash = createHash(algorithm);
  let total = 0;
  let stopped: string | undefined;
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > expectedSize) {
        stopped = `the source sent more than the ${expectedSize} bytes the manifest declares`;
        controller.error(new Error(stopped));
        return;
      }
      hash.update(chunk);
      onBytes(total);
      controller.enqueue(chunk);
    },
  });
  return {
    stream,
    bytes: () => total,
    digest: () => `${algorithm}:${hash.digest("hex")}`,
    failure: () => stopped,
  };
}
