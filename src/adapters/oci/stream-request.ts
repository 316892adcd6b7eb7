import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** What a registry says in answer to an upload fits easily; an endless answer is cut here. */
const ANSWER_LIMIT = 65_536;

// Keep-alive, so a blob's PATCH and PUT and the next blob reuse one connection (and its TLS handshake).
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** One request whose body is a Node stream. */
export interface StreamRequestInit {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: Readable;
  readonly signal?: AbortSignal;
}

/**
 * Sends a streamed request body over `node:http`/`node:https`, with backpressure from the socket back to
 * the body's source, so at most a few high-water marks of it are ever in memory. (Node 20's `fetch` reads a
 * streamed request body ahead of the socket, so a streamed upload through it buffers up to the whole body.)
 * Resolves with the answer as a fetch `Response` whose (small) body is already read; rejects with the
 * body's or the socket's error, except when the server had already answered with an error status: a 401 or
 * 413 sent before the whole body was read explains more than the EPIPE that follows it.
 */
export async function streamRequest(url: URL, init: StreamRequestInit): Promise<Response> {
  const secure = url.protocol === "https:";
  const request = (secure ? httpsRequest : httpRequest)(url, {
    method: init.method,
    headers: init.headers,
    agent: secure ? agents.https : agents.http,
    ...(init.signal === undefined ? {} : { signal: init.signal }),
  });
  let early: IncomingMessage | undefined;
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    request.once("response", (answer: IncomingMessage) => {
      early = answer;
      resolve(answer);
    });
    request.once("error", reject);
  });
  answered.catch(() => undefined);
  try {
    await pipeline(init.body, request);
  } catch (error) {
    if (early === undefined || (early.statusCode ?? 0) < 300) throw error;
  }
  return toResponse(await answered);
}

async function toResponse(answer: IncomingMessage): Promise<Response> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of answer as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= ANSWER_LIMIT) break;
    }
  } catch {
    // An answer cut short still carries its status and headers.
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers))
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      try {
        headers.append(name, item);
      } catch {
        // A header fetch would refuse is one we do not need.
      }
  const status = answer.statusCode ?? 0;
  // fetch's Response only takes 200-599; anything else from a registry is a broken answer.
  if (status < 200 || status > 599) return new Response(null, { status: 502, headers });
  const empty = status === 204 || status === 205 || status === 304;
  return new Response(empty ? null : Buffer.concat(chunks, size).subarray(0, ANSWER_LIMIT), {
    status,
    headers,
  });
}
