import { Readable } from "node:stream";

/** Reads a stream in consecutive parts; `rest` holds the tail of a chunk that straddled two parts. */
export interface PartReader {
  readonly chunks: AsyncIterator<Buffer>;
  rest: Buffer | undefined;
}

/**
 * The next `length` bytes of a stream as a stream of their own, for one `Content-Range` PATCH of a
 * chunked upload. It pulls only as fast as its reader does, so backpressure reaches the source; it ends
 * early only when the source does (the verifying stream upstream reports a short source).
 */
export function nextPart(reader: PartReader, length: number): Readable {
  async function* part(): AsyncGenerator<Buffer> {
    for (let remaining = length; remaining > 0;) {
      let chunk = reader.rest;
      reader.rest = undefined;
      if (chunk === undefined) {
        const next = await reader.chunks.next();
        if (next.done === true) return;
        chunk = next.value;
      }
      if (chunk.byteLength > remaining) {
        reader.rest = chunk.subarray(remaining);
        chunk = chunk.subarray(0, remaining);
      }
      remaining -= chunk.byteLength;
      yield chunk;
    }
  }
  return Readable.from(part(), { objectMode: false });
}
