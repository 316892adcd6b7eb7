/**
 * Large unauthenticated webhooks against the built app as `npm start` runs it (lib/start.js),
 * from outside: ~30 MB posts with a bad or no signature, and bodies over the cap with and
 * without Content-Length, are refused (400, 413) with one short log line each and never a byte
 * of the payload in the log; a correctly signed delivery is handled after them.
 */
import { createHmac, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pushEvent } from "../helpers/component-events.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github-server.js";
import { FakeRepository } from "../helpers/fake-repository.js";
import { runApp, WEBHOOK_SECRET, type RunningApp } from "../helpers/run-app.js";
import { until } from "../helpers/until.js";
import { sendWebhook } from "../helpers/webhook-fixtures.js";

const OWNER = "sofie-iot";
const NAME = "flexibility-gateway";
const MARK = "HOSTILE-PAYLOAD-MARK";
const MiB = 1024 * 1024;

/** A JSON body of `bytes` bytes whose padding would show in a log that kept it. */
function body(bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes, "x");
  buffer.write(`{"action":"completed","mark":"${MARK}","padding":"`);
  buffer.write(`"}`, bytes - 2);
  return buffer;
}

/**
 * Posts `payload` (with Content-Length, or chunked) and resolves the status as soon as the
 * answer arrives, stopping the upload: a refused client has no need to send the rest.
 */
function post(
  url: string,
  payload: Buffer,
  headers: Record<string, string>,
  chunked = false,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "workflow_run",
          "x-github-delivery": randomUUID(),
          ...(chunked ? {} : { "content-length": String(payload.length) }),
          ...headers,
        },
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on("error", reject);
    if (!chunked) return void req.end(payload);
    for (let at = 0; at < payload.length; at += MiB) req.write(payload.subarray(at, at + MiB));
    req.end();
  });
}

const sign = (bytes: Buffer) => `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(bytes).digest("hex")}`;

describe("large unauthenticated webhooks, end to end", () => {
  let gh: FakeGitHub;
  let app: RunningApp;
  let dataDir: string;

  beforeAll(async () => {
    gh = await startFakeGitHub();
    new FakeRepository(OWNER, NAME).install(gh);
    dataDir = await mkdtemp(join(tmpdir(), "sofie-webhook-body-"));
    app = await runApp(gh, { SOFIE_DATABASE: join(dataDir, "sofie.sqlite"), SOFIE_RUN_JOBS: "false" });
  });

  afterAll(async () => {
    await app?.stop();
    await gh?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses them with one short line each, then handles a signed delivery", async () => {
    const thirty = body(30 * 1000 * 1000);
    const over = body(33 * MiB); // the default cap is 32 MiB
    const logBefore = app.output().length;

    expect(await post(app.webhookUrl, thirty, { "x-hub-signature-256": `sha256=${"0".repeat(64)}` })).toBe(
      400,
    );
    expect(await post(app.webhookUrl, thirty, {})).toBe(400);
    expect(await post(app.webhookUrl, over, { "x-hub-signature-256": sign(over) })).toBe(413);
    expect(await post(app.webhookUrl, over, { "x-hub-signature-256": sign(over) }, true)).toBe(413);

    await until(() => (app.output().match(/webhook refused/g) ?? []).length === 4, "four refusals logged");
    const log = app.output().slice(logBefore);
    expect(log.length).toBeLessThan(10_000);
    expect(log).not.toContain(MARK);
    const refusals = log
      .split("\n")
      .filter((line) => line.includes("webhook refused"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(refusals.map((line) => [line.status, line.reason])).toEqual([
      [400, "signature does not match the body"],
      [400, "no X-Hub-Signature-256 header"],
      [413, `Content-Length ${over.length} is over the ${32 * MiB}-byte limit`],
      [413, `body larger than ${32 * MiB} bytes`],
    ]);

    // A real delivery, signed, is handled: the app reads the repository's manifest.
    const repository = {
      name: NAME,
      full_name: `${OWNER}/${NAME}`,
      owner: { login: OWNER },
      default_branch: "main",
    };
    const push = pushEvent({ installation: { id: 4242, node_id: "I_4242" }, repository }, "a".repeat(40));
    expect(await sendWebhook(app.webhookUrl, { event: "push", payload: push, secret: WEBHOOK_SECRET })).toBe(
      200,
    );
    await until(
      () => gh.requestsTo("GET /repos/{owner}/{repo}/contents/{path}").length > 0,
      "the push handled (the manifest read)",
    );
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(gh.problems).toEqual([]);
  }, 120_000);
});
