import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StreamedResponse } from "./streamed-response.js";

/** What a registry says in answer to an upload fits easily; an endless answer is cut here. */
const ANSWER_LIMIT = 65_536;

// Keep-alive, so a blob's PATCH and PUT and the next blob reuse one connection (and its TLS handshake).
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** One request over `node:http`: a streamed body to send, or a large answer to stream back. */
export interface StreamRequestInit {
  readonly method: string;
  readonly headers: Record<string, string>;
  /** Sent with backpressure; a request with a body never follows redirects (it cannot be replayed). */
  readonly body?: Readable;
  /** Hand a 2xx answer over as a `StreamedResponse` (its body a Node stream) instead of reading it. */
  readonly streamAnswer?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Sends a request over `node:http`/`node:https`. A streamed body goes out with backpressure from the
 * socket back to its source, so at most a few high-water marks of it are ever in memory (Node 20's `fetch`
 * reads a streamed request body ahead of the socket, so a streamed upload through it buffers up to the whole
 * body). A body-less request follows redirects as fetch does (registries send blob GETs to storage), without
 * the `Authorization` header once it leaves the registry's origin. Resolves with the answer as a fetch
 * `Response` whose (small) body is already read, or a `StreamedResponse` when `streamAnswer` asks for it;
 * rejects with the body's or the socket's error, except when the server had already answered with an error
 * status: a 401 or 413 sent before the whole body was read explains more than the EPIPE that follows it.
 */
export async function streamRequest(url: URL, init: StreamRequestInit): Promise<Response> {
  let target = url;
  let headers = init.headers;
  for (let hop = 0; ; hop++) {
    const answer = await exchange(target, init.method, headers, init.body, init.signal);
    const status = answer.statusCode ?? 0;
    const location = answer.headers.location;
    if (init.body === undefined && REDIRECTS.has(status) && location !== undefined && hop < MAX_REDIRECTS) {
      answer.destroy();
      const next = new URL(location, target);
      if (next.origin !== target.origin) {
        const { authorization: _dropped, ...rest } = headers;
        headers = rest;
      }
      target = next;
      continue;
    }
    if (init.streamAnswer === true && status >= 200 && status < 300)
      return new StreamedResponse(answer, status, toHeaders(answer));
    return toResponse(answer);
  }
}

async function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Readable | undefined,
  signal: AbortSignal | undefined,
): Promise<IncomingMessage> {
  const secure = url.protocol === "https:";
  const request = (secure ? httpsRequest : httpRequest)(url, {
    method,
    headers,
    agent: secure ? agents.https : agents.http,
    ...(signal === undefined ? {} : { signal }),
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
  if (body === undefined) request.end();
  else
    try {
      await pipeline(body, request);
    } catch (error) {
      if (early === undefined || (early.statusCode ?? 0) < 300) throw error;
    }
  return answered;
}

function toHeaders(answer: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers))
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      try {
        headers.append(name, item);
      } catch {
        // A header fetch would refuse is one we do not need.
      }
  return headers;
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
  const headers = toHeaders(answer);
  const status = answer.statusCode ?? 0;
  // fetch's Response only takes 200-599; anything else from a registry is a broken answer.
  if (status < 200 || status > 599) return new Response(null, { status: 502, headers });
  const empty = status === 204 || status === 205 || status === 304;
  return new Response(empty ? null : Buffer.concat(chunks, size).subarray(0, ANSWER_LIMIT), {
    status,
    headers,
  });
}
