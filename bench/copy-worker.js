// One image copy by our adapter, in a fresh process (so that its peak RSS is its own):
//   node bench/copy-worker.js <source-url> <source-repo> <reference> <target-url> <target-repo>
// Prints the CopyResult as one JSON line. BENCH_CONCURRENCY, BENCH_HIGH_WATER_MARK and BENCH_CHUNK_SIZE (bytes)
// override the adapter's defaults, to compare settings.
import { createOciImageRegistry } from "../lib/adapters/oci/create-oci-image-registry.js";

const [sourceUrl, sourceRepository, reference, targetUrl, targetRepository] = process.argv.slice(2);
const option = (name) => (process.env[name] === undefined ? {} : { value: Number(process.env[name]) });
const options = {};
for (const [key, name] of [
  ["concurrency", "BENCH_CONCURRENCY"],
  ["highWaterMark", "BENCH_HIGH_WATER_MARK"],
  ["chunkSize", "BENCH_CHUNK_SIZE"],
]) {
  const { value } = option(name);
  if (value !== undefined) options[key] = value;
}
const result = await createOciImageRegistry(options).copyImage({
  source: { endpoint: { url: sourceUrl }, repository: sourceRepository, reference },
  target: { endpoint: { url: targetUrl }, repository: targetRepository, tags: [reference] },
});
console.log(JSON.stringify(result));
