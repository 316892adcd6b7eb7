/**
 * Hostile and broken sources, served by a tiny fake registry, copied into a real Distribution registry:
 * every corruption is caught by digest or size, nothing gets tagged, and nothing hangs.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { createOciImageRegistry } from "../../../src/adapters/oci/create-oci-image-registry.js";
import {
  RegistryError,
  type CopyCheckpoint,
  type CopyProgressEvent,
} from "../../../src/ports/image-registry.js";
import { registryToolsPresent, startRegistry, type TestRegistry } from "../../helpers/registry.js";

const describeRegistry = registryToolsPresent() || process.env["CI"] !== undefined ? describe : describe.skip;
const sha = (bytes: Uint8Array): string => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

interface Served {
  manifest: Buffer;
  /** Overrides the Docker-Content-Digest header. */
  digestHeader?: string;
  blobs: Map<string, Buffer | "endless">;
  /** Statuses to answer before serving, per path (a 503 then success tests retries). */
  failFirst: Map<string, number[]>;
  /** Paths answered with a 307 to another path (as registries send blob GETs to storage). */
  redirects?: Map<string, string>;
  /** Blobs whose first GET sends half the bytes, then drops the connection. */
  cutOnce?: Set<string>;
}

function imageManifest(config: Buffer, layers: { digest: string; size: number }[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {
        mediaType: "application/vnd.oci.image.config.v1+json",
        digest: sha(config),
        size: config.length,
      },
      layers: layers.map((l) => ({ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", ...l })),
    }),
  );
}

describeRegistry("copyImage from a hostile source", () => {
  let target: TestRegistry;
  let fake: Server;
  let fakeUrl: string;
  let served: Served;
  const requests: string[] = [];
  const registry = createOciImageRegistry({ retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 } });
  const config = Buffer.from(
    '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
  );

  beforeAll(async () => {
    target = await startRegistry({ auth: "htpasswd" });
    fake = createServer((req, res) => {
      let path = new URL(req.url ?? "/", "http://x").pathname;
      requests.push(`${req.method} ${path}`);
      const failures = served.failFirst.get(path);
      if (failures !== undefined && failures.length > 0) return void res.writeHead(failures.shift()!).end();
      const redirect = served.redirects?.get(path);
      if (redirect !== undefined) return void res.writeHead(307, { location: redirect }).end();
      if (path.startsWith("/storage/")) path = `/v2/evil/app/blobs/${path.slice("/storage/".length)}`;
      if (path === "/v2/") return void res.writeHead(200).end("{}");
      if (path.startsWith("/v2/evil/app/manifests/")) {
        res.writeHead(200, {
          "content-type": "application/vnd.oci.image.manifest.v1+json",
          "docker-content-digest": served.digestHeader ?? sha(served.manifest),
        });
        return void res.end(req.method === "HEAD" ? undefined : served.manifest);
      }
      const blob = served.blobs.get(path.slice("/v2/evil/app/blobs/".length));
      if (blob === undefined) return void res.writeHead(404).end();
      const digest = path.slice("/v2/evil/app/blobs/".length);
      if (blob !== "endless" && served.cutOnce?.delete(digest)) {
        res.writeHead(200, { "content-type": "application/octet-stream", "content-length": blob.length });
        return void res.write(blob.subarray(0, blob.length / 2), () => res.destroy());
      }
      res.writeHead(200, { "content-type": "application/octet-stream" });
      if (blob !== "endless") return void res.end(blob);
      const chunk = randomBytes(64 * 1024);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    });
    await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
    fake.unref();
    const address = fake.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    fakeUrl = `http://127.0.0.1:${address.port}`;
  }, 60_000);

  afterAll(async () => {
    fake?.closeAllConnections();
    await new Promise((resolve) => fake?.close(resolve));
    await target?.stop();
  });

  beforeEach(() => {
    requests.length = 0;
  });

  const copy = (reference = "v1", extra: object = {}) =>
    registry.copyImage({
      source: { endpoint: { url: fakeUrl }, repository: "evil/app", reference },
      target: {
        endpoint: { url: target.url, credentials: target.credentials },
        repository: "evil/app",
        tags: ["v1"],
      },
      ...extra,
    });
  const failure = (promise: Promise<unknown>): Promise<RegistryError> =>
    promise.then(
      () => {
        throw new Error("the copy should have failed");
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(RegistryError);
        return error as RegistryError;
      },
    );
  const tagged = async (): Promise<number> => {
    const auth = Buffer.from(`${target.credentials.username}:${target.credentials.password}`).toString(
      "base64",
    );
    const response = await fetch(`${target.url}/v2/evil/app/manifests/v1`, {
      method: "HEAD",
      headers: { authorization: `Basic ${auth}`, accept: "application/vnd.oci.image.manifest.v1+json" },
    });
    return response.status;
  };

  test("a layer whose bytes do not match its digest aborts the copy before any tag", async () => {
    const good = randomBytes(200_000);
    const bad = Buffer.from(good);
    bad[1000] = bad[1000]! ^ 0xff;
    served = {
      manifest: imageManifest(config, [{ digest: sha(good), size: good.length }]),
      blobs: new Map([
        [sha(config), config],
        [sha(good), bad],
      ]),
      failFirst: new Map(),
    };
    const error = await failure(copy());
    expect(error.details.step).toBe("fetching blob");
    expect(error.message).toMatch(
      /fetching blob sha256:\w{12}… from 127\.0\.0\.1:\d+\/evil\/app: it served 200000 bytes/,
    );
    expect(error.message).toContain("tampered");
    expect(await tagged()).toBe(404);
  });

  test("a blob longer than declared is cut off, not streamed forever", async () => {
    const declared = randomBytes(1000);
    served = {
      manifest: imageManifest(config, [{ digest: sha(declared), size: declared.length }]),
      blobs: new Map<string, Buffer | "endless">([
        [sha(config), config],
        [sha(declared), "endless"],
      ]),
      failFirst: new Map(),
    };
    const error = await failure(copy());
    expect(error.message).toContain("more than the 1000 bytes the manifest declares");
    expect(await tagged()).toBe(404);
  });

  test("manifest bytes that do not hash to the requested digest or to Docker-Content-Digest are refused", async () => {
    served = {
      manifest: imageManifest(config, []),
      blobs: new Map([[sha(config), config]]),
      failFirst: new Map(),
    };
    const other = sha(Buffer.from("something else"));
    const byDigest = await failure(copy(other));
    expect(byDigest.details.step).toBe("fetching manifest");
    expect(byDigest.message).toContain("not the requested");
    served.digestHeader = other;
    const byHeader = await failure(copy());
    expect(byHeader.message).toContain("but the registry says");
    expect(await tagged()).toBe(404);
  });

  test("garbage and oversized manifests get a clear error", async () => {
    served = { manifest: Buffer.from("<html>not a manifest"), blobs: new Map(), failFirst: new Map() };
    expect((await failure(copy())).message).toContain("the manifest is not JSON");
    served.manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, layers: "x".repeat(5 * 1024 * 1024) }));
    expect((await failure(copy())).message).toContain("larger than 4194304 bytes");
    served.manifest = Buffer.from(
      JSON.stringify({ schemaVersion: 2, config: { digest: "../../etc", size: 1 } }),
    );
    expect((await failure(copy())).message).toContain("has no valid digest");
  });

  test("names that are not valid in the distribution API are refused before any request", async () => {
    const error = await failure(
      registry.copyImage({
        source: { endpoint: { url: fakeUrl }, repository: "../evil", reference: "v1;rm" },
        target: { endpoint: { url: target.url }, repository: "ok/app", tags: ["bad tag"] },
      }),
    );
    expect(error.details.step).toBe("validating input");
    expect(requests).toEqual([]);
  });

  test("transient 503s are retried; the checkpoint records every digest", async () => {
    const layer = randomBytes(50_000);
    // Its own config: the earlier tests left theirs on the target (blobs that arrived stay).
    const config = Buffer.from(
      '{"architecture":"arm64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
    );
    const manifest = imageManifest(config, [{ digest: sha(layer), size: layer.length }]);
    served = {
      manifest,
      blobs: new Map([
        [sha(config), config],
        [sha(layer), layer],
      ]),
      failFirst: new Map([
        ["/v2/evil/app/manifests/v1", [503]],
        [`/v2/evil/app/blobs/${sha(layer)}`, [502, 429]],
      ]),
    };
    const recorded = new Set<string>();
    const checkpoint: CopyCheckpoint = {
      done: async (digest) => recorded.has(digest),
      markDone: async (digest) => void recorded.add(digest),
    };
    const result = await copy("v1", { checkpoint });
    expect(result).toMatchObject({
      digest: sha(manifest),
      blobsSent: 2,
      bytesSent: config.length + layer.length,
    });
    expect(recorded).toEqual(new Set([sha(config), sha(layer), sha(manifest)]));
    expect(await tagged()).toBe(200);
    requests.length = 0;
    const events: CopyProgressEvent[] = [];
    const again = await copy("v1", {
      checkpoint,
      onProgress: (event: CopyProgressEvent) => events.push(event),
    });
    expect(again).toMatchObject({ blobsSent: 0, bytesSent: 0 });
    // The target already holds the manifest, so the source's blobs are not even read.
    expect(requests.filter((r) => r.includes("/blobs/"))).toEqual([]);
    expect(events.filter((e) => e.kind === "blob-skipped")).toEqual([
      { kind: "blob-skipped", digest: sha(config), size: config.length, checkpointed: true },
      { kind: "blob-skipped", digest: sha(layer), size: layer.length, checkpointed: true },
    ]);
  });

  test("blob GETs follow redirects, and a source cut mid-blob is retried in a new upload session", async () => {
    const layer = randomBytes(3_000_000);
    const config = Buffer.from(
      '{"architecture":"s390x","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
    );
    served = {
      manifest: imageManifest(config, [{ digest: sha(layer), size: layer.length }]),
      blobs: new Map([
        [sha(config), config],
        [sha(layer), layer],
      ]),
      failFirst: new Map(),
      redirects: new Map([[`/v2/evil/app/blobs/${sha(layer)}`, `/storage/${sha(layer)}`]]),
      cutOnce: new Set([sha(layer)]),
    };
    const result = await copy();
    expect(result).toMatchObject({ blobsSent: 2, bytesSent: config.length + layer.length });
    expect(requests.filter((r) => r === `GET /storage/${sha(layer)}`)).toHaveLength(2);
    expect(await tagged()).toBe(200);
  });
});
