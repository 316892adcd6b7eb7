// `npm start`: compile only when src/, a tsconfig, package.json or package-lock.json changed
// since the last build, then run the app in this same process (lib/start.js: Probot's `run`,
// the webhook guard, a clean stop on SIGTERM/SIGINT). Without src/ (an installed package),
// lib/ is started as it is.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildIfChanged } from "./build-inputs.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const json = process.env.LOG_FORMAT
  ? process.env.LOG_FORMAT !== "pretty"
  : process.env.NODE_ENV === "production";
// One line in the format Probot's log will use after it.
function say(level, msg) {
  if (json)
    console.log(JSON.stringify({ level: level === "error" ? 50 : 30, time: Date.now(), name: "start", msg }));
  else console.log(`${level.toUpperCase()} (start): ${msg}`);
}

if (existsSync(join(root, "src"))) {
  const started = Date.now();
  try {
    const result = await buildIfChanged(root);
    const short = result.fingerprint.slice(0, 12);
    say(
      "info",
      result.compiled
        ? `build inputs ${result.previous ? "changed" : "not built yet"} (${short}): compiled lib/ in ${Date.now() - started} ms`
        : `build inputs unchanged (${short}): lib/ is up to date, not compiling`,
    );
  } catch (error) {
    say("error", `build failed, not starting: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
await import(pathToFileURL(join(root, "lib/start.js")).href);
