/**
 * HTTP/1.1 requests written by hand on a TCP socket, for tests that send what no polite client
 * would (a body that stalls, is cut off or never ends) and must not go through `http.request`,
 * which the HTTP mocks of other test files patch in the same worker.
 */
import { createConnection } from "node:net";

export interface RawRequest {
  readonly port: number;
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string | number>;
  /** Sent with its Content-Length (unless the headers give one). */
  readonly body?: Buffer;
  /** Sent chunked (no Content-Length), then ended unless `then` says otherwise. */
  readonly chunks?: readonly Buffer[];
  /** After the chunks: keep the request open (`stall`), cut the connection (`abort`), or go on sending `endless`. */
  readonly then?: "end" | "stall" | "abort";
  readonly endless?: Buffer;
}

export interface RawResponse {
  /** The answer's status, or what ended the exchange without one (an error code, `closed`, `aborted`). */
  readonly status: number | string;
  readonly body: string;
  /** Body bytes written before the answer or the end. */
  readonly written: number;
}

/** Sends `request` and resolves the answer as soon as it is complete; then closes the connection. */
export function rawRequest(request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port: request.port });
    let written = 0;
    let received = Buffer.alloc(0);
    let settled = false;
    const done = (status: number | string, body = "") => {
      if (settled) return;
      settled = true;
      resolve({ status, body, written });
      socket.destroy();
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = received.subarray(0, end).toString("latin1");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      const body = received.subarray(end + 4);
      if (body.length >= length) done(status, body.subarray(0, length).toString());
    });
    socket.on("error", (error: NodeJS.ErrnoException) => done(error.code ?? "error"));
    socket.on("close", () => done("closed"));

    const chunked = request.body === undefined;
    const headers: Record<string, string | number> = {
      host: `127.0.0.1:${request.port}`,
      ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": request.body.length }),
      ...request.headers,
    };
    const head =
      `${request.method ?? "POST"} ${request.path} HTTP/1.1\r\n` +
      Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("") +
      "\r\n";
    socket.write(head);
    if (request.body !== undefined) {
      written += request.body.length;
      socket.write(request.body);
      return;
    }
    const frame = (chunk: Buffer) => {
      written += chunk.length;
      return socket.write(
        Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]),
      );
    };
    for (const chunk of request.chunks ?? []) frame(chunk);
    if (request.endless) {
      const chunk = request.endless;
      // One chunk per turn of the event loop, so that a closed connection is seen at once
      // (a synchronous loop can queue a gigabyte before the close is delivered).
      const pump = (): void => {
        if (settled || socket.destroyed) return;
        if (frame(chunk)) setImmediate(pump);
        else socket.once("drain", pump);
      };
      pump();
    } else if (request.then === "abort") setTimeout(() => done("aborted"), 100);
    else if (request.then !== "stall") socket.write("0\r\n\r\n");
  });
}
