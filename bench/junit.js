// JUnit parsing benchmark: our streaming parser against junit2json and a plain xml2js parse,
// each run in its own process so that peak memory is measured independently; then our peak
// memory on reports where one XML node is huge. Run with `npm run bench:junit` (builds
// first). Reports are generated into bench/.work/. `node bench/junit.js --quick` skips the
// huge-node part.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateReport } from "./junit-generate.js";
import { generateHugeNode, HUGE_NODES } from "./junit-huge-node.js";

const WORK = fileURLToPath(new URL("./.work/", import.meta.url));
const WORKER = fileURLToPath(new URL("./junit-worker.js", import.meta.url));
const PARSERS = ["sofie", "junit2json", "xml2js"];
const SPEED_TARGET = 0.33; // our time / the fastest peer's
const MEMORY_TARGET = 0.5; // our peak RSS growth / report size

const WARM_UP = {
  name: "1 MB",
  file: `${WORK}junit-1mb.xml`,
  shape: { cases: 1000, casesPerSuite: 50, caseOutBytes: 600, suiteOutBytes: 5000 },
  reps: 5,
};
const REPORTS = [
  WARM_UP,
  {
    name: "100 MB with large system-out",
    file: `${WORK}junit-100mb.xml`,
    shape: { cases: 100_000, casesPerSuite: 100, caseOutBytes: 600, suiteOutBytes: 20_000 },
    reps: 3,
  },
  {
    name: "100 MB plain (no captured output, 5-frame traces, 1% skipped, two properties per case)",
    file: `${WORK}junit-100mb-plain.xml`,
    shape: {
      cases: 100_000,
      casesPerSuite: 100,
      caseOutBytes: 0,
      suiteOutBytes: 0,
      traceFrames: 5,
      skippedEvery: 100,
      propertiesPerCase: 2,
      propertyBytes: 330,
    },
    reps: 3,
  },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function measure(parser, file, flags = []) {
  // Every parser first parses the 1 MB report (warm-up, as in a running app), then the report measured.
  const out = execFileSync(process.execPath, [...flags, "--expose-gc", WORKER, parser, file, WARM_UP.file], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out);
}

function summary(runs) {
  return {
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    peakGrowth: median(runs.map((r) => r.peakGrowth)),
    cases: runs[0].cases,
    error: runs[0].error,
  };
}

mkdirSync(WORK, { recursive: true });
console.log(`JUnit parsing benchmark, ${new Date().toISOString()}, node ${process.version}`);
for (const report of REPORTS) {
  await generateReport(report.file, report.shape);
  const size = statSync(report.file).size;
  console.log(
    `\n${report.name} report: ${mb(size)}, ${report.shape.cases} test cases, median of ${report.reps} runs`,
  );
  console.log("parser        wall ms    cpu ms   peak RSS growth   growth/size   cases");
  const results = {};
  // Interleaved (sofie, peers, sofie, peers...) so that a change in the machine's load hits every parser alike.
  const runs = Object.fromEntries(PARSERS.map((p) => [p, []]));
  for (let rep = 0; rep < report.reps; rep++) {
    for (const parser of PARSERS) runs[parser].push(measure(parser, report.file));
  }
  for (const parser of PARSERS) {
    const result = (results[parser] = summary(runs[parser]));
    console.log(
      `${parser.padEnd(12)} ${result.ms.toFixed(0).padStart(8)} ${result.cpuMs.toFixed(0).padStart(9)} ` +
        `${mb(result.peakGrowth).padStart(17)} ${(result.peakGrowth / size).toFixed(2).padStart(13)} ${String(result.cases).padStart(7)}`,
    );
  }
  const peers = PARSERS.filter((p) => p !== "sofie").map((p) => results[p]);
  const fastestWall = Math.min(...peers.map((r) => r.ms));
  const fastestCpu = Math.min(...peers.map((r) => r.cpuMs));
  console.log(
    `our time / the fastest peer's: ${(results.sofie.ms / fastestWall).toFixed(2)} wall, ` +
      `${(results.sofie.cpuMs / fastestCpu).toFixed(2)} cpu (target <= ${SPEED_TARGET} on 100 MB); ` +
      `our peak memory growth / report size: ${(results.sofie.peakGrowth / size).toFixed(2)} (target < ${MEMORY_TARGET})`,
  );
  if (report === WARM_UP) continue;
  // How much of our growth is V8's young generation (a constant of the runtime, up to 2 x 16 MB
  // semi-spaces by default) rather than what the parser keeps: the same run with it capped.
  const capped = median(
    Array.from(
      { length: report.reps },
      () => measure("sofie", report.file, ["--max-semi-space-size=1"]).peakGrowth,
    ),
  );
  console.log(
    `  of which V8's young generation: ${mb(Math.max(0, results.sofie.peakGrowth - capped))}; ` +
      `with it capped at 1 MB semi-spaces our growth is ${mb(capped)} (${(capped / size).toFixed(2)} of the report)`,
  );
}

if (!process.argv.includes("--quick")) {
  // One node holding 200 MiB: memory must stay bounded by the limits, whatever one node holds.
  console.log("\nOne huge XML node (200 MiB) in a small report: ours only, median of 3 runs");
  console.log("node                                    wall ms   peak RSS growth   result");
  for (const node of HUGE_NODES) {
    const file = `${WORK}junit-huge-${node.id}.xml`;
    await generateHugeNode(file, node.id, 200 * 1024 * 1024);
    const result = summary(Array.from({ length: 3 }, () => measure("sofie", file)));
    const outcome = result.error ?? `${result.cases} cases`;
    console.log(
      `${node.label.padEnd(38)} ${result.ms.toFixed(0).padStart(8)} ${mb(result.peakGrowth).padStart(17)}   ${outcome}`,
    );
    rmSync(file);
  }
}
