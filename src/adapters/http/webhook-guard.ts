import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** A Node request handler as Probot's server chains them: resolves true when it answered. */
export type NodeMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: () => void,
) => Promise<boolean>;

/** The one log call the guard makes, once per refused or abandoned delivery. */
export interface WebhookGuardLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface WebhookGuardOptions {
  /** The webhook path, as Probot's middleware is given it. */
  readonly path: string;
  /** The webhook secret (`WEBHOOK_SECRET`). */
  readonly secret: string;
  /** The largest body read; past it the delivery is refused with 413. */
  readonly maxBytes: number;
  readonly log: WebhookGuardLog;
  /** How long the whole body may take to arrive; a slower one gets 408. Default 30 s. */
  readonly bodyTimeoutMs?: number;
  /**
   * After a refusal, how long what the client still sends is read and thrown away (at most
   * twice `maxBytes` of it), so that it reads the answer rather than a reset connection. Default:
   * the body timeout (a slow client on a busy host may need that long for 30 MB; nothing is kept).
   */
  readonly lingerMs?: number;
}

// GitHub sends `sha256=` and 64 lowercase hex digits.
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Puts a guard in front of Probot's webhook middleware (`inner`). A POST to the webhook path is
 * read as it streams, counting bytes, and refused (413) past `maxBytes`, with or without a
 * Content-Length; its `X-Hub-Signature-256` is checked (HMAC-SHA256 over the raw bytes,
 * compared in constant time) and a missing, malformed or wrong one is refused (400). Only a
 * verified body reaches `inner`, handed over as `request.rawBody` (the form Probot's middleware
 * reads instead of the stream). A refusal is one short log line (delivery, event, reason,
 * sizes), never the payload, and the bytes read are dropped at once.
 *
 * Requests to other paths never reach `inner`, so no path spelling can slip past the guard to
 * Probot's body reader; they resolve false for the next handler.
 */
export function guardWebhooks(inner: NodeMiddleware, options: WebhookGuardOptions): NodeMiddleware {
  const path = normalizeTrailingSlashes(options.path);
  return async (request, response, next) => {
    let pathname: string;
    try {
      // As @octokit/webhooks matches its path, so that both agree on which requests are deliveries.
      pathname = new URL(normalizeTrailingSlashes(request.url ?? ""), "http://localhost").pathname;
    } catch {
      return inner(request, response, next); // answered 422 there, without reading the body
    }
    if (pathname !== path) return false;
    if (request.method !== "POST") return inner(request, response, next); // 404 there, body unread
    const body = await readVerifiedBody(request, response, options);
    if (body === undefined) return true;
    Object.assign(request, { rawBody: body, body: {} });
    return inner(request, response, next);
  };
}

/** Resolves the verified body, or undefined once the delivery was refused (and answered) or abandoned. */
function readVerifiedBody(
  request: IncomingMessage,
  response: ServerResponse,
  options: WebhookGuardOptions,
): Promise<Buffer | undefined> {
  const { maxBytes, log } = options;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 30_000;
  const declared = declaredLength(request);
  const fields = {
    delivery: headerText(request, "x-github-delivery"),
    event: headerText(request, "x-github-event"),
    ...(declared === undefined ? {} : { declaredBytes: declared }),
  };
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const hmac = createHmac("sha256", options.secret);
    let bytes = 0;
    let settled = false;

    const timer = setTimeout(
      () => refuse(408, `body not received within ${bodyTimeoutMs} ms`),
      bodyTimeoutMs,
    );

    const settle = (body: Buffer | undefined) => {
      settled = true;
      clearTimeout(timer);
      chunks.length = 0;
      request.off("data", onData).off("end", onEnd).off("error", onClose).off("close", onClose);
      resolve(body);
    };
    const refuse = (status: number, reason: string) => {
      if (settled) return;
      log.warn({ ...fields, status, reason, bytes }, `webhook refused (${status}): ${reason}`);
      settle(undefined);
      answer(response, status, reason);
      // Twice the cap, so that a body refused for its Content-Length alone (a little over the cap,
      // as a misconfigured sender's would be) is still read to its end and the client sees the 413.
      lingerThenClose(request, 2 * maxBytes, options.lingerMs ?? bodyTimeoutMs);
    };
    function onData(chunk: Buffer) {
      bytes += chunk.length;
      if (bytes > maxBytes) return refuse(413, `body larger than ${maxBytes} bytes`);
      chunks.push(chunk);
      hmac.update(chunk);
    }
    function onEnd() {
      if (settled) return;
      if (bytes === 0) return refuse(400, "empty body");
      const expected = hmac.digest();
      const given = Buffer.from(signatureHex, "hex");
      if (!timingSafeEqual(expected, given)) return refuse(400, "signature does not match the body");
      settle(Buffer.concat(chunks, bytes));
    }
    function onClose() {
      if (settled) return;
      log.warn(
        { ...fields, reason: "the client went away", bytes },
        "webhook abandoned before its body ended",
      );
      settle(undefined);
    }

    const signature = request.headers["x-hub-signature-256"];
    const signatureHex = typeof signature === "string" ? (SIGNATURE.exec(signature)?.[1] ?? "") : "";
    if (signature === undefined) return refuse(400, "no X-Hub-Signature-256 header");
    if (!signatureHex) return refuse(400, "X-Hub-Signature-256 is not sha256= and 64 hex digits");
    if (declared !== undefined && declared > maxBytes)
      return refuse(413, `Content-Length ${declared} is over the ${maxBytes}-byte limit`);
    request.on("data", onData).on("end", onEnd).on("error", onClose).on("close", onClose);
  });
}

/** Answers a refusal the way @octokit/webhooks answers its own (a small JSON error). */
function answer(response: ServerResponse, status: number, reason: string): void {
  if (response.headersSent || response.destroyed) return;
  const body = JSON.stringify({ error: reason });
  response
    .writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
    .end(body);
}

/**
 * Reads and drops what the client still sends after a refusal, so it reads the answer; closes
 * the connection once `limitBytes` more have come or `lingerMs` has passed.
 */
function lingerThenClose(request: IncomingMessage, limitBytes: number, lingerMs: number): void {
  if (request.complete || request.destroyed) return;
  let dropped = 0;
  const close = () => request.socket.destroy();
  const timer = setTimeout(close, lingerMs).unref();
  const done = () => clearTimeout(timer);
  request.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > limitBytes) {
      done();
      close();
    }
  });
  request.once("end", done).once("close", done).on("error", done);
  request.resume();
}

function declaredLength(request: IncomingMessage): number | undefined {
  const raw = request.headers["content-length"];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined; // Node refuses other forms before we see them
  return Number(raw);
}

/** A header for the log: short and printable, whatever the client sent. */
function headerText(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(",") : value;
  const clean = text.replace(/[^\x20-\x7e]/g, "?");
  return clean.length > 64 ? `${clean.slice(0, 64)}…` : clean;
}

/** @octokit/webhooks' own rule: drop trailing slashes, keeping "/" for the root. */
function normalizeTrailingSlashes(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed;
}
