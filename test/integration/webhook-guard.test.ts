/**
 * The webhook guard against hostile bodies, over real HTTP on 127.0.0.1: no signature, a bad
 * one, one of the wrong length, a body over the cap with and without Content-Length, a slow
 * body, an aborted one, an empty one. Nothing unverified reaches the middleware behind the
 * guard, each refusal is one short log line without the payload, and a signed delivery still
 * reaches a real Probot's handler with its payload.
 */
import { createHmac } from "node:crypto";
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot } from "probot";
import { guardProbotWebhooks } from "../../src/app/guard-probot-webhooks.js";
import {
  guardWebhooks,
  type NodeMiddleware,
  type WebhookGuardOptions,
} from "../../src/adapters/http/webhook-guard.js";
import { testPrivateKey } from "../helpers/app-keys.js";
import { memoryLogger, type MemoryLogger } from "../helpers/memory-logger.js";

const SECRET = "guard-test-secret";
const PATH = "/api/github/webhooks";
const MAX = 100_000;
const MARK = "PAYLOAD-MARK";

const sign = (body: Buffer | string, secret = SECRET) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const payload = (bytes: number) => {
  const buffer = Buffer.alloc(bytes, "a");
  buffer.write(`{"m":"${MARK}","p":"`);
  buffer.write(`"}`, bytes - 2);
  return buffer;
};

interface Sent {
  status: number | string;
  body: string;
  /** Bytes the client managed to write before the answer or the end. */
  written: number;
}

interface SendOptions {
  path?: string;
  method?: string;
  headers?: Record<string, string | number>;
  /** Sent in one go, with Content-Length unless headers say otherwise. */
  body?: Buffer;
  /** Sent chunked (no Content-Length), one write each, then ended unless `stall` or `abort`. */
  chunks?: Buffer[];
  /** After the chunks, keep the request open without ending it. */
  stall?: boolean;
  /** After the chunks, destroy the connection. */
  abort?: boolean;
  /** Write this chunk again and again (chunked) until the server answers or closes. */
  endless?: Buffer;
}

function send(port: number, options: SendOptions): Promise<Sent> {
  return new Promise((resolve) => {
    let written = 0;
    let settled = false;
    const done = (sent: Sent) => {
      if (!settled) {
        settled = true;
        resolve(sent);
      }
    };
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "x-github-event": "push",
      "x-github-delivery": "delivery-1",
      ...(options.body ? { "content-length": options.body.length } : {}),
      ...options.headers,
    };
    const req = request(
      { host: "127.0.0.1", port, method: options.method ?? "POST", path: options.path ?? PATH, headers },
      (res) => {
        if (options.stall) {
          done({ status: res.statusCode ?? 0, body: "", written });
          req.destroy();
          return;
        }
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => done({ status: res.statusCode ?? 0, body: text, written }));
        res.on("error", () => done({ status: res.statusCode ?? 0, body: text, written }));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      done({ status: error.code ?? "error", body: "", written }),
    );
    if (options.body) {
      written += options.body.length;
      req.end(options.body);
      return;
    }
    for (const chunk of options.chunks ?? []) {
      written += chunk.length;
      req.write(chunk);
    }
    if (options.abort) {
      req.on("close", () => done({ status: "aborted", body: "", written }));
      setTimeout(() => req.destroy(), 100);
    } else if (options.endless) {
      const chunk = options.endless;
      // One chunk per turn of the event loop, so that a closed connection is seen at once
      // (a synchronous loop can queue a gigabyte before the close is delivered).
      const pump = (): void => {
        if (req.destroyed || written >= 1_000_000_000) return;
        written += chunk.length;
        if (req.write(chunk)) setImmediate(pump);
        else req.once("drain", pump);
      };
      pump();
    } else if (!options.stall) req.end();
  });
}

interface Harness {
  port: number;
  log: MemoryLogger;
  /** Requests that reached the middleware behind the guard, with the raw body it was handed. */
  reached: Array<{ url: string | undefined; rawBody: Buffer | undefined }>;
  close(): Promise<void>;
}

async function listen(handler: NodeMiddleware): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    void handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function guarded(options: Partial<WebhookGuardOptions> = {}): Promise<Harness> {
  const log = memoryLogger();
  const reached: Harness["reached"] = [];
  const inner: NodeMiddleware = async (req, res) => {
    reached.push({ url: req.url, rawBody: (req as IncomingMessage & { rawBody?: Buffer }).rawBody });
    res.writeHead(200).end("ok\n");
    return true;
  };
  const { server, port } = await listen(
    guardWebhooks(inner, { path: PATH, secret: SECRET, maxBytes: MAX, log: log.log, ...options }),
  );
  return {
    port,
    log,
    reached,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("the webhook guard", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await guarded();
  });
  afterEach(async () => {
    await h.close();
  });

  /** The guard's own lines (name "probot" is the logger's). */
  const refusals = () => h.log.lines().filter((line) => line.level === 40);

  function expectOneShortLine(reason: RegExp) {
    expect(refusals()).toHaveLength(1);
    expect(refusals()[0]).toMatchObject({
      delivery: "delivery-1",
      event: "push",
      reason: expect.stringMatching(reason),
    });
    expect(h.log.text().length).toBeLessThan(600);
    expect(h.log.text()).not.toContain(MARK);
  }

  it("passes a correctly signed body to the middleware behind it, byte for byte", async () => {
    const body = payload(50_000);
    const sent = await send(h.port, { body, headers: { "x-hub-signature-256": sign(body) } });
    expect(sent.status).toBe(200);
    expect(h.reached).toHaveLength(1);
    expect(h.reached[0]!.rawBody?.equals(body)).toBe(true);
    expect(h.log.text()).toBe("");
  });

  it("refuses a delivery with no signature before reading it (400)", async () => {
    const sent = await send(h.port, { body: payload(90_000) });
    expect(sent).toMatchObject({ status: 400, body: '{"error":"no X-Hub-Signature-256 header"}' });
    expect(h.reached).toEqual([]);
    expectOneShortLine(/no X-Hub-Signature-256/);
    expect(refusals()[0]).toMatchObject({ status: 400, bytes: 0, declaredBytes: 90_000 });
  });

  it("refuses a signature made with another secret, after reading the body (400)", async () => {
    const body = payload(90_000);
    const sent = await send(h.port, { body, headers: { "x-hub-signature-256": sign(body, "other") } });
    expect(sent.status).toBe(400);
    expect(sent.body).toContain("signature does not match");
    expect(h.reached).toEqual([]);
    expectOneShortLine(/does not match/);
    expect(refusals()[0]).toMatchObject({ bytes: 90_000 });
  });

  it.each([
    ["too short", `sha256=${"a".repeat(63)}`],
    ["too long", `sha256=${"a".repeat(65)}`],
    ["not hex", `sha256=${"g".repeat(64)}`],
    ["sha1", `sha1=${"a".repeat(40)}`],
    ["empty", ""],
  ])("refuses a malformed signature (%s) at once (400)", async (_name, signature) => {
    const sent = await send(h.port, { body: payload(1_000), headers: { "x-hub-signature-256": signature } });
    expect(sent.status).toBe(400);
    expect(h.reached).toEqual([]);
    expectOneShortLine(/not sha256= and 64 hex digits/);
  });

  it("refuses a body whose Content-Length is over the cap without reading it (413)", async () => {
    const body = payload(MAX + 1);
    const sent = await send(h.port, { body, headers: { "x-hub-signature-256": sign(body) } });
    expect(sent.status).toBe(413);
    expect(h.reached).toEqual([]);
    expectOneShortLine(/Content-Length 100001 is over the 100000-byte limit/);
    expect(refusals()[0]).toMatchObject({ status: 413, bytes: 0 });
  });

  it("refuses a chunked body once it passes the cap, whatever its signature (413)", async () => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    const sent = await send(h.port, {
      chunks: [chunk, chunk, chunk],
      headers: { "x-hub-signature-256": sign(Buffer.concat([chunk, chunk, chunk])) },
    });
    expect(sent.status).toBe(413);
    expect(h.reached).toEqual([]);
    expectOneShortLine(/body larger than 100000 bytes/);
    expect(refusals()[0]!.bytes).toBeGreaterThan(MAX);
    expect(refusals()[0]!.bytes).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it("closes the connection of a body that goes on and on after its refusal", async () => {
    const sent = await send(h.port, {
      endless: Buffer.alloc(64 * 1024, "a"),
      headers: { "x-hub-signature-256": sign("x") },
    });
    // The client may read the 413 or only see the connection closed; it never gets to send much.
    expect([413, "ECONNRESET", "EPIPE"]).toContain(sent.status);
    expect(sent.written).toBeLessThan(50 * MAX);
    expect(h.reached).toEqual([]);
    expect(refusals()).toHaveLength(1);
  });

  it("refuses an empty body (400)", async () => {
    const sent = await send(h.port, { body: Buffer.alloc(0), headers: { "x-hub-signature-256": sign("") } });
    expect(sent.status).toBe(400);
    expect(h.reached).toEqual([]);
    expectOneShortLine(/empty body/);
  });

  it("drops an aborted body and logs one line; the next delivery is served", async () => {
    await send(h.port, {
      chunks: [Buffer.from(`{"m":"${MARK}"`)],
      abort: true,
      headers: { "x-hub-signature-256": sign("x") },
    });
    await waitFor(() => refusals().length === 1);
    expect(refusals()[0]).toMatchObject({ reason: "the client went away" });
    expect(h.log.text()).not.toContain(MARK);
    const body = payload(1_000);
    expect((await send(h.port, { body, headers: { "x-hub-signature-256": sign(body) } })).status).toBe(200);
    expect(h.reached).toHaveLength(1);
  });

  it("keeps deliveries to other paths and other methods from the body reader", async () => {
    expect((await send(h.port, { path: "/healthz", method: "GET" })).status).toBe(404);
    expect((await send(h.port, { path: "/api/github/webhooks-x", body: payload(10) })).status).toBe(404);
    expect(h.reached).toEqual([]);
    // A GET to the webhook path goes on (Probot's middleware answers it without reading a body).
    expect((await send(h.port, { method: "GET" })).status).toBe(200);
    expect(h.reached).toHaveLength(1);
  });

  it.each([`${PATH}/`, `${PATH}?x=1`, `//other-host${PATH}`, `${PATH}//`])(
    "guards the webhook path however it is spelt (%s)",
    async (path) => {
      const sent = await send(h.port, { path, body: payload(1_000) });
      expect(sent.status).toBe(400);
      expect(h.reached).toEqual([]);
    },
  );
});

describe("the webhook guard's body timeout", () => {
  it("refuses a body that does not arrive in time (408)", async () => {
    const h = await guarded({ bodyTimeoutMs: 200 });
    try {
      const sent = await send(h.port, {
        chunks: [Buffer.from(`{"m":"${MARK}"`)],
        stall: true,
        headers: { "x-hub-signature-256": sign("x") },
      });
      expect(sent.status).toBe(408);
      expect(h.reached).toEqual([]);
      expect(h.log.lines().filter((line) => line.level === 40)).toMatchObject([
        { status: 408, reason: "body not received within 200 ms" },
      ]);
      expect(h.log.text()).not.toContain(MARK);
    } finally {
      await h.close();
    }
  });
});

describe("a Probot whose webhooks are guarded", () => {
  let server: Server;
  let port: number;
  let log: MemoryLogger;
  const received: unknown[] = [];

  beforeAll(async () => {
    log = memoryLogger("info");
    const probot = new Probot({ appId: 1, privateKey: testPrivateKey(), secret: SECRET, log: log.log });
    guardProbotWebhooks(probot, MAX, { WEBHOOK_SECRET: SECRET });
    probot.on("push", async (context) => {
      received.push(context.payload);
    });
    ({ server, port } = await listen(await probot.getNodeMiddleware()));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("hands a signed delivery to the event handler, and refuses a forged one without logging its payload", async () => {
    const forged = payload(90_000);
    const refused = await send(port, { body: forged, headers: { "x-hub-signature-256": sign(forged, "x") } });
    expect(refused.status).toBe(400);
    expect(received).toEqual([]);
    expect(log.text()).not.toContain(MARK);
    expect(log.text().length).toBeLessThan(600);

    const body = Buffer.from(JSON.stringify({ ref: "refs/heads/main", mark: MARK }));
    const sent = await send(port, { body, headers: { "x-hub-signature-256": sign(body) } });
    expect(sent.status).toBe(200);
    expect(received).toEqual([{ ref: "refs/heads/main", mark: MARK }]);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
