// `npm run bench`: every benchmark part in sequence, each in its own process.
// Adding a part is one line here.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const PARTS = ["./junit.js", "./copy.js", "./cli-startup.js", "./start.js", "./webhook-body.js"];

for (const part of PARTS) {
  execFileSync(process.execPath, [fileURLToPath(new URL(part, import.meta.url))], { stdio: "inherit" });
}
