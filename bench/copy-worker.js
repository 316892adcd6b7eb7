// One image copy by our adapter, in a fresh process (so that its peak RSS is its own):
//   node bench/copy-worker.js <source-url> <source-repo> <reference> <target-url> <target-repo>
// Prints the CopyResult as one JSON line.
import { createOciImageRegistry } from "../lib/adapters/oci/create-oci-image-registry.js";

const [sourceUrl, sourceRepository, reference, targetUrl, targetRepository] = process.argv.slice(2);
const result = await createOciImageRegistry().copyImage({
  source: { endpoint: { url: sourceUrl }, repository: sourceRepository, reference },
  target: { endpoint: { url: targetUrl }, repository: targetRepository, tags: [reference] },
});
console.log(JSON.stringify(result));
