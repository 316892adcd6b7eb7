// `npm run build` (and `prepare`): compile src/ to lib/ and record the inputs' fingerprint,
// so that the next `npm start` knows lib/ is up to date.
import { fileURLToPath } from "node:url";
import { buildIfChanged } from "./build-inputs.js";

const root = fileURLToPath(new URL("..", import.meta.url));
try {
  await buildIfChanged(root, { force: true });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
