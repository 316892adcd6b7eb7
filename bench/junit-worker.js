// One measurement in a fresh process:
//   node --expose-gc bench/junit-worker.js <parser> <report.xml> [warm-up.xml]
// Prints one JSON line: wall and CPU milliseconds, peak RSS growth over the baseline, and
// the number of test cases found (a sanity check). With a warm-up report, the parser first
// parses it (as a running app has parsed reports before), the heap is collected, and the
// kernel's peak-RSS mark is reset (`/proc/self/clear_refs`), so the growth measured is
// what the measured report adds, for every parser alike.
import { createReadStream, readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const [parser, file, warmup] = process.argv.slice(2);

/** Peak (VmHWM) and current (VmRSS) resident set size in bytes, from the kernel. */
function residentSet() {
  const status = readFileSync("/proc/self/status", "utf8");
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)[1]) * 1024;
  return { peak: kb("VmHWM"), current: kb("VmRSS") };
}

/** Counts `<testcase>` objects in junit2json's or xml2js's tree, to check the peers read everything. */
function countCases(node) {
  if (Array.isArray(node)) return node.reduce((sum, child) => sum + countCases(child), 0);
  if (node === null || typeof node !== "object") return 0;
  let count = 0;
  for (const [key, value] of Object.entries(node)) {
    if (key === "testcase") count += Array.isArray(value) ? value.length : 1;
    count += countCases(value);
  }
  return count;
}

const run = {
  async sofie() {
    const { parseJunit } = await import("../lib/domain/junit/parse-junit.js");
    const { summarize } = await import("../lib/domain/junit/summarize.js");
    return async (path) => summarize([await parseJunit(createReadStream(path), { file: path })]).tests;
  },
  async junit2json() {
    const { parse } = await import("junit2json");
    return async (path) => countCases(await parse(readFileSync(path, "utf8")));
  },
  async xml2js() {
    const { parseStringPromise } = await import("xml2js");
    return async (path) => countCases(await parseStringPromise(readFileSync(path, "utf8")));
  },
};

const parse = await run[parser]();
if (warmup) await parse(warmup);
globalThis.gc?.();
try {
  writeFileSync("/proc/self/clear_refs", "5");
} catch {
  // not Linux: the peak then includes start-up
}
const before = residentSet();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let cases;
let error;
try {
  cases = await parse(file);
} catch (err) {
  // A report refused at a limit is a result too (the huge-node reports): say which.
  error = err instanceof Error ? (err.reason ?? err.message).slice(0, 120) : String(err);
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const after = residentSet();
process.stdout.write(
  `${JSON.stringify({ parser, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakGrowth: Math.max(0, after.peak - before.current), cases, error })}\n`,
);
