// Image copy benchmark: our OCI adapter against `skopeo copy docker:// docker://`, between two local
// CNCF Distribution registries, each copy in its own process under `/usr/bin/time -v` (wall time and
// peak RSS). Two image sizes (5 layers, ~60 MB and ~300 MB, incompressible) show whether memory grows
// with layer size. Every measured copy goes to a fresh target registry, so nothing can be mounted or
// skipped. Run with `npm run bench:copy` (builds first); needs docker-registry and skopeo.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { startRegistry, writeLayout } from "./copy-setup.js";

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL("./copy-worker.js", import.meta.url));
const SIZES = [
  { name: "60 MB", layers: 5, layerBytes: 12 * 1024 * 1024, reps: 3 },
  { name: "300 MB", layers: 5, layerBytes: 60 * 1024 * 1024, reps: 3 },
];
const REPO = "bench/energy-exchange/gateway";
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs a command under `/usr/bin/time -v`; returns wall ms (measured here), peak RSS bytes and stdout. */
async function timed(command, args, env = process.env) {
  const started = performance.now();
  const { stdout, stderr } = await run("/usr/bin/time", ["-v", command, ...args], {
    env,
    maxBuffer: 16 << 20,
  });
  const ms = performance.now() - started;
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
  return { ms, peak: kb * 1024, stdout };
}

const home = mkdtempSync(join(tmpdir(), "sofie-bench-home-"));
// skopeo keeps a blob-info cache under $HOME; a fresh one per run keeps it from mounting known blobs.
const skopeoEnv = () => ({ ...process.env, HOME: mkdtempSync(join(home, "h-")) });

console.log(`Image copy benchmark, ${new Date().toISOString()}, node ${process.version}`);
const source = await startRegistry();
try {
  for (const size of SIZES) {
    const layout = mkdtempSync(join(tmpdir(), "sofie-bench-layout-"));
    const image = writeLayout(layout, "v1", size.layers, size.layerBytes);
    await run(
      "/usr/bin/skopeo",
      [
        "--insecure-policy",
        "copy",
        "--preserve-digests",
        "--dest-tls-verify=false",
        `oci:${layout}:v1`,
        `docker://${source.host}/${REPO}-${size.layers}x${size.layerBytes}:v1`,
      ],
      { env: skopeoEnv() },
    );
    rmSync(layout, { recursive: true, force: true });
    const repo = `${REPO}-${size.layers}x${size.layerBytes}`;
    const results = { ours: [], skopeo: [] };
    let last;
    for (let rep = 0; rep < size.reps; rep++) {
      // Alternate who goes first, so neither always gets the warmer page cache.
      for (const tool of rep % 2 === 0 ? ["ours", "skopeo"] : ["skopeo", "ours"]) {
        const target = await startRegistry();
        try {
          if (tool === "ours") {
            const m = await timed(process.execPath, [WORKER, source.url, repo, "v1", target.url, repo]);
            const result = JSON.parse(m.stdout);
            if (result.digest !== image.digest) throw new Error(`digest changed: ${result.digest}`);
            results.ours.push(m);
            last = { target, result };
            // Second promotion of the same image to the same target: must send no blob bytes.
            const again = JSON.parse(
              (await timed(process.execPath, [WORKER, source.url, repo, "v1", target.url, repo])).stdout,
            );
            last.again = again;
          } else {
            const m = await timed(
              "/usr/bin/skopeo",
              [
                "--insecure-policy",
                "copy",
                "--src-tls-verify=false",
                "--dest-tls-verify=false",
                `docker://${source.host}/${repo}:v1`,
                `docker://${target.host}/${repo}:v1`,
              ],
              skopeoEnv(),
            );
            results.skopeo.push(m);
          }
        } finally {
          target.stop();
        }
      }
    }
    const ours = { ms: median(results.ours.map((r) => r.ms)), peak: median(results.ours.map((r) => r.peak)) };
    const theirs = {
      ms: median(results.skopeo.map((r) => r.ms)),
      peak: median(results.skopeo.map((r) => r.peak)),
    };
    console.log(
      `\n${size.name} image: ${size.layers} layers, ${mb(image.bytes)} of blobs, median of ${size.reps} runs`,
    );
    console.log("tool        wall ms   peak RSS");
    console.log(`ours     ${ours.ms.toFixed(0).padStart(10)} ${mb(ours.peak).padStart(10)}`);
    console.log(`skopeo   ${theirs.ms.toFixed(0).padStart(10)} ${mb(theirs.peak).padStart(10)}`);
    console.log(
      `ratio ours/skopeo: time ${(ours.ms / theirs.ms).toFixed(2)}, peak RSS ${(ours.peak / theirs.peak).toFixed(2)}` +
        ` | first copy bytesSent ${last.result.bytesSent}, second promotion bytesSent ${last.again.bytesSent}` +
        ` (blobsSent ${last.again.blobsSent}, blobsSkipped ${last.again.blobsSkipped})`,
    );
  }
} finally {
  source.stop();
  rmSync(home, { recursive: true, force: true });
}
