import type { Readable } from "node:stream";

/**
 * A successful answer received over `node:http` whose body (a blob) is handed over as the Node stream it
 * arrived as, so it can be piped with backpressure instead of going through a web stream. Its fetch `body`
 * is null; read `stream`, or destroy it.
 */
export class StreamedResponse extends Response {
  constructor(
    readonly stream: Readable,
    status: number,
    headers: Headers,
  ) {
    super(null, { status, headers });
  }
}
