/**
 * The OCI adapter against real CNCF Distribution registries (Debian's docker-registry), with skopeo as the
 * reference client: it pushes the source images and inspects what our copy wrote.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOciImageRegistry } from "../../../src/adapters/oci/create-oci-image-registry.js";
import {
  RegistryError,
  type CopyProgressEvent,
  type ImageRegistry,
  type RegistryEndpoint,
} from "../../../src/ports/image-registry.js";
import { writeOciImage, type WrittenImage } from "../../helpers/oci-layout.js";
import { registryToolsPresent, startRegistry, type TestRegistry } from "../../helpers/registry.js";
import { inspect, pushLayout } from "../../helpers/skopeo.js";

const present = registryToolsPresent();
if (!present && process.env["CI"] === undefined)
  console.warn(
    "SKIPPED registry tests: /usr/bin/docker-registry or /usr/bin/skopeo is missing (apt-get install docker-registry skopeo)",
  );
const describeRegistry = present || process.env["CI"] !== undefined ? describe : describe.skip;

const REPO = "sofie/energy-exchange/gateway";
const FAST_RETRY = { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 };

describeRegistry("copyImage against a real registry", () => {
  let source: TestRegistry;
  let target: TestRegistry;
  let bearer: TestRegistry;
  let layout: string;
  let single: WrittenImage;
  let multi: WrittenImage;
  const registry: ImageRegistry = createOciImageRegistry({ retry: FAST_RETRY });
  const endpoint = (r: TestRegistry): RegistryEndpoint => ({ url: r.url, credentials: r.credentials });

  beforeAll(async () => {
    if (!present)
      throw new Error("CI is set but docker-registry or skopeo is missing: .ci/run installs them");
    [source, target, bearer] = await Promise.all([
      startRegistry({ auth: "htpasswd" }),
      startRegistry({ auth: "htpasswd" }),
      startRegistry({ auth: "token" }),
    ]);
    layout = mkdtempSync(join(tmpdir(), "sofie-oci-"));
    // A small config, a layer big enough to abort halfway through, and two more.
    single = writeOciImage(layout, "v1", { layerSizes: [3_000_000, 150_000, 80_000] });
    multi = writeOciImage(layout, "multi", {
      layerSizes: [120_000, 60_000],
      platforms: [
        { os: "linux", architecture: "amd64" },
        { os: "linux", architecture: "arm64" },
      ],
    });
    await pushLayout(layout, "v1", source, REPO);
    await pushLayout(layout, "multi", source, `${REPO}-multi`);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([source?.stop(), target?.stop(), bearer?.stop()]);
    if (layout !== undefined) rmSync(layout, { recursive: true, force: true });
  });

  test("copies an image byte for byte, tags it, and a second copy sends no blob", async () => {
    const input = {
      source: { endpoint: endpoint(source), repository: REPO, reference: "v1" },
      target: { endpoint: endpoint(target), repository: REPO, tags: ["1.0.0", "latest"] },
    };
    const first = await registry.copyImage(input);
    expect(first).toEqual({
      digest: single.digest,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      manifests: 1,
      blobsSent: 4,
      blobsSkipped: 0,
      blobsMounted: 0,
      bytesSent: expect.any(Number),
    });
    expect(first.bytesSent).toBeGreaterThan(3_000_000);
    const sourceRaw = await inspect(source, `${REPO}:v1`, true);
    for (const tag of ["1.0.0", "latest"]) {
      expect(await inspect(target, `${REPO}:${tag}`, true)).toBe(sourceRaw);
      const {
        Name: _n,
        RepoTags: _t,
        ...theirs
      } = JSON.parse(await inspect(target, `${REPO}:${tag}`, false));
      const { Name: _n2, RepoTags: _t2, ...ours } = JSON.parse(await inspect(source, `${REPO}:v1`, false));
      expect(theirs).toEqual(ours);
      expect(theirs.Digest).toBe(single.digest);
    }
    const second = await registry.copyImage(input);
    expect(second).toMatchObject({ digest: single.digest, blobsSent: 0, bytesSent: 0, blobsSkipped: 4 });
  });

  test("copies a multi-architecture index whole: children by digest first, then the index", async () => {
    const result = await registry.copyImage({
      source: { endpoint: endpoint(source), repository: `${REPO}-multi`, reference: "multi" },
      target: { endpoint: endpoint(target), repository: `${REPO}-multi`, tags: ["2.0.0"] },
    });
    expect(result).toMatchObject({
      digest: multi.digest,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: 3,
      blobsSent: 6,
    });
    const raw = await inspect(target, `${REPO}-multi:2.0.0`, true);
    expect(raw).toBe(await inspect(source, `${REPO}-multi:multi`, true));
    for (const child of multi.manifests)
      expect(await inspect(target, `${REPO}-multi@${child}`, true)).toBe(
        await inspect(source, `${REPO}-multi@${child}`, true),
      );
  });

  test("answers a Bearer challenge with the right scopes, and mounts blobs across repositories", async () => {
    const first = await registry.copyImage({
      source: { endpoint: endpoint(source), repository: REPO, reference: single.digest },
      target: { endpoint: endpoint(bearer), repository: "ci/gateway", tags: ["sha-abc"] },
    });
    expect(first).toMatchObject({ digest: single.digest, blobsSent: 4 });
    expect(bearer.tokens!.requests).toContainEqual(["repository:ci/gateway:pull,push"]);
    const mounted = await registry.copyImage({
      source: { endpoint: endpoint(source), repository: REPO, reference: "v1" },
      target: { endpoint: endpoint(bearer), repository: REPO, tags: ["1.0.0"] },
      mountFrom: "ci/gateway",
    });
    expect(mounted).toMatchObject({ digest: single.digest, blobsSent: 0, blobsMounted: 4, bytesSent: 0 });
    expect(bearer.tokens!.requests).toContainEqual([
      `repository:${REPO}:pull,push`,
      "repository:ci/gateway:pull",
    ]);
    expect(JSON.parse(await inspect(bearer, `${REPO}:1.0.0`, false)).Digest).toBe(single.digest);
  });

  test.each([
    // Small chunks: the 3 MB layer goes in several PATCHes with Content-Range.
    ["in Content-Range chunks", { chunkSize: 1_000_000 }, "resume/gateway"],
    // The default: one streamed PATCH per blob over node:http.
    ["in one streamed PATCH", {}, "resume/streamed"],
  ])(
    "a copy aborted in the middle of a layer sent %s resumes without re-sending what arrived",
    async (_how, tuning, repository) => {
      const controller = new AbortController();
      const sent: string[] = [];
      const serial = createOciImageRegistry({ concurrency: 1, ...tuning, retry: FAST_RETRY });
      const input = {
        source: { endpoint: endpoint(source), repository: REPO, reference: "v1" },
        target: { endpoint: endpoint(target), repository, tags: ["v1"] },
      };
      const onProgress = (event: CopyProgressEvent): void => {
        if (event.kind === "blob-sent") sent.push(event.digest);
        // Abort once the first blob is in and the next one is halfway through.
        if (event.kind === "blob-progress" && sent.length >= 1 && event.bytes > event.size / 2)
          controller.abort();
      };
      await expect(serial.copyImage({ ...input, signal: controller.signal, onProgress })).rejects.toThrow();
      expect(sent.length).toBeGreaterThanOrEqual(1);
      expect(sent.length).toBeLessThan(4);
      const resumed = await serial.copyImage(input);
      expect(resumed).toMatchObject({ blobsSkipped: sent.length, blobsSent: 4 - sent.length });
      expect(JSON.parse(await inspect(target, `${repository}:v1`, false)).Digest).toBe(single.digest);
    },
  );

  test("wrong credentials fail with the step named and no secret in the message", async () => {
    const wrong = { username: "sofie", password: "not-the-password-s3cret" };
    const attempts = [
      {
        input: {
          source: { endpoint: endpoint(source), repository: REPO, reference: "v1" },
          target: { endpoint: { url: target.url, credentials: wrong }, repository: REPO, tags: ["x"] },
        },
        step: "checking manifest",
        says: `${target.host}/${REPO}: 401 unauthorized — check the target credentials`,
      },
      {
        input: {
          source: { endpoint: { url: source.url, credentials: wrong }, repository: REPO, reference: "v1" },
          target: { endpoint: endpoint(target), repository: REPO, tags: ["x"] },
        },
        step: "fetching manifest",
        says: `fetching manifest v1 from ${source.host}/${REPO}: 401 unauthorized — check the source credentials`,
      },
      {
        input: {
          source: { endpoint: endpoint(source), repository: REPO, reference: "v1" },
          target: { endpoint: { url: bearer.url, credentials: wrong }, repository: REPO, tags: ["x"] },
        },
        step: "authenticating",
        says: "401 unauthorized — check the target credentials",
      },
    ];
    for (const attempt of attempts) {
      const error = await registry.copyImage(attempt.input).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RegistryError);
      const failure = error as RegistryError;
      expect(failure.details.step).toBe(attempt.step);
      expect(failure.message).toContain(attempt.says);
      expect(failure.message).not.toContain(wrong.password);
      expect(failure.message).not.toContain(Buffer.from(`sofie:${wrong.password}`).toString("base64"));
    }
  });
});
