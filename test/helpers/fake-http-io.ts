/** Request reading and response writing for the fake GitHub server. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeResponse } from "./fake-github-server.js";

// Bigger than any request the app should send; a runaway body fails the request instead of filling memory.
const MAX_BODY = 64 * 1024 * 1024;

/** Reads the whole request body, rejecting (and destroying the request) above 64 MiB. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error(`request body over ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Writes a FakeResponse: Buffers and strings as they are, other bodies as JSON, with a default content type. */
export function send(res: ServerResponse, response: FakeResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  let payload: Buffer | string = "";
  if (Buffer.isBuffer(response.body) || response.body instanceof Uint8Array) {
    payload = Buffer.from(response.body);
    if (!lower["content-type"]) headers["content-type"] = "application/octet-stream";
  } else if (typeof response.body === "string") {
    payload = response.body;
    if (!lower["content-type"]) headers["content-type"] = "text/plain; charset=utf-8";
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    if (!lower["content-type"]) headers["content-type"] = "application/json; charset=utf-8";
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}
