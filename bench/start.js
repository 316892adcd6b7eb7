// Start-up benchmark: how long a restart leaves webhooks unanswered, from spawn to the port
// accepting a connection. Old: `npm run build && probot run ./lib/index.js` (what `prestart`
// and `start` did: the whole TypeScript build before every start). New: `npm start` with
// nothing changed (scripts/start.js finds the build inputs unchanged and starts Probot in the
// same process), and the same without npm (`node scripts/start.js`). The ways run in turn,
// so that a busy machine slows them alike. Run alone with `npm run build && node bench/start.js`.
import { appEnv, freePort, spread, startApp } from "./app-process.js";

const RUNS = 5;
const WAYS = {
  "old: npm run build && probot run": [
    "sh",
    ["-c", "npm run --silent build && exec node node_modules/probot/bin/probot.js run ./lib/index.js"],
  ],
  "new: npm start (nothing changed)": ["npm", ["start", "--silent"]],
  "new: node scripts/start.js": [process.execPath, ["scripts/start.js"]],
};

console.log(`Start-up benchmark, ${new Date().toISOString()}, node ${process.version}`);
console.log(`ms from spawn to the port accepting a connection; ${RUNS} runs of each, in turn`);
const times = Object.fromEntries(Object.keys(WAYS).map((name) => [name, []]));
for (let run = 0; run < RUNS; run++) {
  for (const [name, [command, args]] of Object.entries(WAYS)) {
    const port = await freePort();
    const app = await startApp(command, args, appEnv(port), { keepOutput: true });
    times[name].push(app.listenMs);
    await app.stop();
    if (name.startsWith("new") && /compiled lib/.test(app.output()))
      throw new Error(`${name} compiled although nothing changed:\n${app.output()}`);
  }
}
console.log("way                                       min   median      max");
for (const [name, values] of Object.entries(times)) {
  const { min, median, max } = spread(values);
  console.log(`${name.padEnd(36)} ${[min, median, max].map((ms) => ms.toFixed(0).padStart(8)).join(" ")}`);
}
const [oldWay, npmStart, direct] = Object.values(times).map((values) => spread(values).median);
console.log(
  `old/new (medians): ${(oldWay / npmStart).toFixed(1)}x with npm start, ${(oldWay / direct).toFixed(1)}x with node scripts/start.js`,
);
console.log("target: a restart with nothing changed listens within 2 s");
