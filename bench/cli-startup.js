// CLI start-up benchmark: `sofie-bot junit small.xml` (the built CLI, as the package's bin
// runs it) against a bare Node start-up (`node -e ''`), measured in turn in the same run so
// that the ratio holds on a busy machine. Run with `npm run bench:cli` (builds first).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../lib/cli/main.js", import.meta.url));
const SMALL = fileURLToPath(
  new URL(
    "../test/fixtures/junit/surefire/handwritten-TEST-eu.sofie.gateway.GatewayTest.xml",
    import.meta.url,
  ),
);
const RUNS = 21;
const WARMUP = 3;

const COMMANDS = {
  "sofie-bot junit small.xml": [MAIN, "junit", SMALL],
  "sofie-bot --help": [MAIN, "--help"],
  "node -e ''": ["-e", ""],
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function wallMs(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: "ignore" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
  return ms;
}

console.log(`CLI start-up benchmark, ${new Date().toISOString()}, node ${process.version}`);
console.log(`median wall time of ${RUNS} runs each, the commands in turn (after ${WARMUP} warm-up rounds)`);
const names = Object.keys(COMMANDS);
const times = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < WARMUP + RUNS; round++) {
  for (const name of names) {
    const ms = wallMs(COMMANDS[name]);
    if (round >= WARMUP) times[name].push(ms);
  }
}
const bare = times["node -e ''"];
console.log("command                        wall ms   / node -e ''");
for (const name of names) {
  const ratios = times[name].map((ms, i) => ms / bare[i]); // pair by pair: drift cancels out
  console.log(
    `${name.padEnd(28)} ${median(times[name]).toFixed(0).padStart(9)} ${median(ratios).toFixed(2).padStart(13)}x`,
  );
}
console.log(
  "target: `sofie-bot junit small.xml` under 0.2 s on a quiet machine, where bare Node starts in about 0.05 s: only the junit subcommand is loaded",
);
