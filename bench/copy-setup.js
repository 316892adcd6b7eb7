/* global fetch, setTimeout */
// Helpers for bench/copy.js: a throwaway docker-registry on 127.0.0.1, and an OCI layout of
// incompressible layers written by streaming (an uncompressed single-file tar per layer).
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const running = new Set();
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));

/** Starts docker-registry without auth; `stop()` kills it and deletes its storage. */
export async function startRegistry() {
  const dir = mkdtempSync(join(tmpdir(), "sofie-bench-registry-"));
  const port = await freePort();
  writeFileSync(
    join(dir, "config.yml"),
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\n` +
      `http:\n  addr: 127.0.0.1:${port}\n  secret: bench\n`,
  );
  const child = spawn("/usr/bin/docker-registry", ["serve", join(dir, "config.yml")], { stdio: "ignore" });
  child.unref();
  running.add(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await (await fetch(`${url}/v2/`)).arrayBuffer();
      break;
    } catch (error) {
      if (i > 300) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    host: `127.0.0.1:${port}`,
    stop() {
      running.delete(child);
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function tarHeader(name, size) {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write("0000644\0", 100);
  header.write("0000000\0", 108);
  header.write("0000000\0", 116);
  header.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  header.write("00000000000\0", 136);
  header.write("        ", 148);
  header.write("0", 156);
  header.write("ustar\x0000", 257);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return header;
}

/** Writes an OCI layout with one image (`tag`) of `layers` layers of `layerBytes` random bytes each. */
export function writeLayout(dir, tag, layers, layerBytes) {
  mkdirSync(join(dir, "blobs", "sha256"), { recursive: true });
  writeFileSync(join(dir, "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
  const put = (bytes) => {
    const hex = createHash("sha256").update(bytes).digest("hex");
    writeFileSync(join(dir, "blobs", "sha256", hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  const descriptors = [];
  for (let i = 0; i < layers; i++) {
    const temp = join(dir, `layer-${i}.tmp`);
    const fd = openSync(temp, "w");
    const hash = createHash("sha256");
    const write = (bytes) => {
      hash.update(bytes);
      writeSync(fd, bytes);
    };
    write(tarHeader(`layer-${i}.bin`, layerBytes));
    for (let left = layerBytes; left > 0; left -= 1 << 20) write(randomBytes(Math.min(left, 1 << 20)));
    write(Buffer.alloc(((512 - (layerBytes % 512)) % 512) + 1024));
    closeSync(fd);
    const hex = hash.digest("hex");
    renameSync(temp, join(dir, "blobs", "sha256", hex));
    const size = 512 + layerBytes + ((512 - (layerBytes % 512)) % 512) + 1024;
    descriptors.push({ mediaType: "application/vnd.oci.image.layer.v1.tar", digest: `sha256:${hex}`, size });
  }
  const config = put(
    Buffer.from(
      JSON.stringify({
        architecture: "amd64",
        os: "linux",
        rootfs: { type: "layers", diff_ids: descriptors.map((d) => d.digest) },
      }),
    ),
  );
  const manifest = put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
        layers: descriptors,
      }),
    ),
  );
  writeFileSync(
    join(dir, "index.json"),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          ...manifest,
          annotations: { "org.opencontainers.image.ref.name": tag },
        },
      ],
    }),
  );
  return { digest: manifest.digest, bytes: descriptors.reduce((sum, d) => sum + d.size, config.size) };
}
