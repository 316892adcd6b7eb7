import { readdir } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { join, relative, sep } from "node:path";
import { reportMatcher } from "../domain/junit/report-matcher.js";
import { DEFAULT_LADDER } from "../domain/maturity/default-ladder.js";
import { evaluateMaturity } from "../domain/maturity/evaluate-maturity.js";
import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import type { MaturityEvaluation } from "../domain/maturity/maturity-evaluation.js";
import { formatProblem, type Problem } from "../domain/problem.js";
import { renderLevelChecklist } from "../domain/render/render-level-checklist.js";
import { MAX_YAML_BYTES } from "../domain/yaml/parse-yaml-with-schema.js";
import { CI_ARTIFACT, MANIFEST_PATH } from "../domain/names.js";
import { MAX_DOCKERFILE_BYTES } from "../use-cases/check-images.js";
import { collectReports } from "../domain/junit/collect-reports.js";
import { readComponentFiles } from "../use-cases/read-component.js";
import { EXIT, type CliIo } from "./cli-io.js";
import { formatReportProblem, readError } from "./format-report-problem.js";
import { MAX_WALK, readCapped } from "./local-checkout.js";

/** The requirements a local checkout can answer; the others need GitHub. */
const LOCAL = new Set(["manifest-valid", "images-parametrised", "junit-found"]);
const SKIP_DIRS = new Set(["node_modules", ".git", "vendor", "target", "build", "dist", "lib"]);

/**
 * `sofie-bot check [dir]`: the level 1-2 checks that need no GitHub (manifest, Dockerfile
 * parametrisation, JUnit results found) on a local checkout, printed as the checklist the
 * status issue shows. Exit 0 when they hold, 2 when one does not, 1 on usage errors.
 */
export async function runCheckCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(
      "usage: sofie-bot check [dir]\n\nChecks a local checkout: manifest, Dockerfiles, JUnit reports.\n",
    );
    return EXIT.ok;
  }
  const unknown = args.find((arg) => arg.startsWith("-"));
  if (unknown || args.length > 1) {
    io.stderr(`sofie-bot check: ${unknown ? `unknown option ${unknown}` : "give at most one directory"}\n`);
    return EXIT.usage;
  }
  const dir = args[0] ?? ".";
  // One cap for every file read: the parser of each says when its file is too large.
  const component = await readComponentFiles(
    (path) => readCapped(join(dir, path), Math.max(MAX_YAML_BYTES, MAX_DOCKERFILE_BYTES) + 1),
    "local",
  );
  const { manifestEvidence, manifest, dockerfileFindings = [] } = component;
  if (!manifestEvidence) {
    io.stderr(
      `sofie-bot: no ${MANIFEST_PATH} in ${dir}; run \`sofie-bot init\` to create one (the files the onboarding pull request adds), or run from the repository root\n`,
    );
    return EXIT.input;
  }
  const evidence: { -readonly [K in keyof ComponentEvidence]: ComponentEvidence[K] } = {
    manifest: manifestEvidence,
  };
  const findings: Problem[] = [...manifestEvidence.problems, ...dockerfileFindings];
  if (manifest) {
    evidence.dockerfile = { sha: "local", findings: dockerfileFindings };
    const files = await findReports(dir, manifest.junit);
    const collected = await collectReports({
      names: files,
      read: (file) => createReadStream(join(dir, file)),
      readError: (_file, error) => readError(error),
    });
    for (const problem of collected.problems) io.stdout(`${formatReportProblem(problem)}\n`);
    evidence.ci = {
      runId: 0,
      sha: "local",
      conclusion: "success",
      at: "",
      reportsFound: files.length > 0,
      totals: collected.totals,
      parseErrors: collected.problems.length,
    };
  }
  const evaluation = localOnly(evaluateMaturity(DEFAULT_LADDER, evidence));
  for (const problem of findings) io.stdout(`${formatProblem(problem)}\n`);
  io.stdout(`${renderLevelChecklist(evaluation, { detail: "full", reasonChars: 500 })}\n`);
  const failing = evaluation.levels
    .flatMap((l) => l.requirements)
    .filter((r) => LOCAL.has(r.id) && r.state !== "met");
  io.stdout(failing.length === 0 ? "\nLocal checks pass.\n" : `\n${failing.length} local check(s) fail.\n`);
  return failing.length === 0 ? EXIT.ok : EXIT.input;
}

/** Marks what a checkout cannot tell as such, and keeps levels 1-2 only. */
function localOnly(evaluation: MaturityEvaluation): MaturityEvaluation {
  const levels = evaluation.levels
    .filter((level) => level.level <= 2)
    .map((level) => ({
      ...level,
      requirements: level.requirements.map((r) =>
        LOCAL.has(r.id)
          ? { ...r, reason: r.reason.replace(/CI run 0/g, "the local checkout").replace(/ on local/g, "") }
          : { ...r, state: "unknown" as const, reason: "not checked locally: the bot checks it on GitHub" },
      ),
    }));
  return { ...evaluation, levels };
}

/** JUnit reports under the checkout matching the manifest's glob, also under the folder the CI workflow gathers them in (`sofie-results/`). */
async function findReports(dir: string, glob: string): Promise<string[]> {
  const matches = reportMatcher(glob);
  const found: string[] = [];
  let seen = 0;
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++seen > MAX_WALK) return;
      const full = join(folder, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) await walk(full);
      else if (entry.isFile()) {
        const path = relative(dir, full).split(sep).join("/");
        const gathered = `${CI_ARTIFACT}/`;
        const inArtifact = path.startsWith(gathered) ? path.slice(gathered.length) : path;
        if (matches(inArtifact)) found.push(path);
      }
    }
  };
  await walk(dir);
  return found.sort();
}
