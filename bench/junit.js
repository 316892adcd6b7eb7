// JUnit parsing benchmark: our streaming parser against junit2json and a plain xml2js parse,
// each run in its own process so that peak memory is measured independently.
// Run with `npm run bench:junit` (builds first). Reports are generated into bench/.work/.
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateReport } from "./junit-generate.js";

const WORK = fileURLToPath(new URL("./.work/", import.meta.url));
const WORKER = fileURLToPath(new URL("./junit-worker.js", import.meta.url));
const PARSERS = ["sofie", "junit2json", "xml2js"];

const REPORTS = [
  {
    name: "1 MB",
    file: `${WORK}junit-1mb.xml`,
    shape: { cases: 1000, casesPerSuite: 50, caseOutBytes: 600, suiteOutBytes: 5000 },
    reps: 5,
  },
  {
    name: "100 MB",
    file: `${WORK}junit-100mb.xml`,
    shape: { cases: 100_000, casesPerSuite: 100, caseOutBytes: 600, suiteOutBytes: 20_000 },
    reps: 3,
  },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function measure(parser, file, flags = []) {
  // Every parser first parses the 1 MB report (warm-up, as in a running app), then the report measured.
  const out = execFileSync(
    process.execPath,
    [...flags, "--expose-gc", WORKER, parser, file, REPORTS[0].file],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out);
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
  for (const parser of PARSERS) {
    const runs = Array.from({ length: report.reps }, () => measure(parser, report.file));
    const result = {
      ms: median(runs.map((r) => r.ms)),
      cpuMs: median(runs.map((r) => r.cpuMs)),
      peakGrowth: median(runs.map((r) => r.peakGrowth)),
      cases: runs[0].cases,
    };
    results[parser] = result;
    console.log(
      `${parser.padEnd(12)} ${result.ms.toFixed(0).padStart(8)} ${result.cpuMs.toFixed(0).padStart(9)} ` +
        `${mb(result.peakGrowth).padStart(17)} ${(result.peakGrowth / size).toFixed(2).padStart(13)} ${String(result.cases).padStart(7)}`,
    );
  }
  const peers = PARSERS.filter((p) => p !== "sofie").map((p) => results[p]);
  const fasterWall = Math.min(...peers.map((r) => r.ms));
  const fasterCpu = Math.min(...peers.map((r) => r.cpuMs));
  console.log(
    `speed-up vs the faster peer: ${(fasterWall / results.sofie.ms).toFixed(2)}x wall, ` +
      `${(fasterCpu / results.sofie.cpuMs).toFixed(2)}x cpu (target >= 3x on 100 MB); ` +
      `our peak memory growth / report size: ${(results.sofie.peakGrowth / size).toFixed(2)} (target < 0.5)`,
  );
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
