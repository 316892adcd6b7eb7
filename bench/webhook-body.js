// Webhook body benchmark: what 4 concurrent ~28 MB webhooks with a bad signature cost the
// process, old way against new. Old: Probot's own webhook middleware (`probot run` with an app
// that registers nothing, which is all a bad signature ever reaches), which reads the whole body,
// then logs the refused event with its payload. New: the app as `npm start` runs it
// (lib/start.js), whose guard streams the body under the SOFIE_WEBHOOK_MAX_BYTES cap, checks the
// HMAC on the bytes and logs one short line. Measured: the process's peak RSS (VmHWM) over its
// RSS just before the posts, the bytes it wrote to its log meanwhile, and the answers.
// Run alone with `npm run build && node bench/webhook-body.js`.
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { randomUUID } from "node:crypto";
import { setTimeout } from "node:timers";
import { appEnv, freePort, median, plainAppFile, startApp } from "./app-process.js";

const POSTS = 4;
const BODY_BYTES = 28 * 1000 * 1000;
const RUNS = 3;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

function body() {
  const head = '{"action":"completed","padding":"';
  const tail = '"}';
  const buffer = Buffer.alloc(BODY_BYTES, "a");
  buffer.write(head, 0);
  buffer.write(tail, BODY_BYTES - tail.length);
  return buffer;
}

function post(port, payload) {
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/github/webhooks",
        headers: {
          "content-type": "application/json",
          "content-length": payload.length,
          "x-github-event": "workflow_run",
          "x-github-delivery": randomUUID(),
          "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
        },
      },
      (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode));
      },
    );
    req.once("error", (error) => resolve(error.code));
    req.end(payload);
  });
}

const kb = (pid, field) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) * 1024;

async function measure(command, args) {
  const port = await freePort();
  const app = await startApp(command, args, appEnv(port));
  try {
    await new Promise((resolve) => setTimeout(resolve, 500)); // let start-up settle
    const rssBefore = kb(app.child.pid, "VmRSS");
    const logBefore = app.outputBytes();
    const payload = body();
    const statuses = await Promise.all(Array.from({ length: POSTS }, () => post(port, payload)));
    // The old way goes on logging after it has answered: wait until the log is quiet for 2 s.
    for (let last = -1; last !== app.outputBytes();) {
      last = app.outputBytes();
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    return {
      growth: kb(app.child.pid, "VmHWM") - rssBefore,
      logBytes: app.outputBytes() - logBefore,
      statuses,
    };
  } finally {
    await app.stop();
  }
}

const WAYS = {
  "old: probot run (Probot's middleware)": [
    process.execPath,
    ["node_modules/probot/bin/probot.js", "run", plainAppFile()],
  ],
  "new: lib/start.js (guarded)": [process.execPath, ["lib/start.js"]],
};

console.log(`Webhook body benchmark, ${new Date().toISOString()}, node ${process.version}`);
console.log(
  `${POSTS} concurrent posts of ${mb(BODY_BYTES)} with a bad signature; median of ${RUNS} fresh processes each, in turn`,
);
const results = Object.fromEntries(Object.keys(WAYS).map((name) => [name, []]));
for (let run = 0; run < RUNS; run++) {
  for (const [name, [command, args]] of Object.entries(WAYS))
    results[name].push(await measure(command, args));
}
console.log("way                                      RSS growth      log bytes   answers");
for (const [name, runs] of Object.entries(results)) {
  const growth = median(runs.map((r) => r.growth));
  const log = median(runs.map((r) => r.logBytes));
  const statuses = [...new Set(runs.flatMap((r) => r.statuses))].join(",");
  console.log(
    `${name.padEnd(40)} ${("+" + mb(growth)).padStart(11)} ${String(log).padStart(14)}   ${statuses}`,
  );
}
const [oldRuns, newRuns] = Object.values(results);
const ratio = (pick) => (median(oldRuns.map(pick)) / Math.max(1, median(newRuns.map(pick)))).toFixed(0);
console.log(`old/new: RSS growth ${ratio((r) => r.growth)}x, log bytes ${ratio((r) => r.logBytes)}x`);
