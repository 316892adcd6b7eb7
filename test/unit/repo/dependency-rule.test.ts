/**
 * The dependency rule (eslint/dependency-rule.js, run by `npm run lint` inside `npm test`):
 * a file planted in each layer that imports what its layer may not import makes the rule
 * fire, what the layer may import passes, and the real tree of src/ is clean.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { LAYERS } from "../../../eslint/dependency-rule.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const RULE = "layers/dependency-rule";
const eslint = new ESLint({ cwd: ROOT });

/** The dependency-rule messages for `code` linted as if it were the file `path` (nothing is written to disk). */
async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

/** [file planted, import statement, what the message names]: each one must be refused. */
const FORBIDDEN: [string, string, string][] = [
  [
    "src/domain/render/planted.ts",
    'import { reportTests } from "../../use-cases/report-tests.js";',
    "use-cases/",
  ],
  ["src/domain/planted.ts", 'import type { CheckRuns } from "../ports/check-runs.js";', "ports/"],
  ["src/domain/planted.ts", 'import { readFile } from "node:fs/promises";', "node:fs/promises"],
  ["src/domain/planted.ts", 'import { readFileSync } from "fs";', "node:fs"],
  ["src/domain/planted.ts", 'import { Probot } from "probot";', "probot"],
  ["src/domain/planted.ts", 'import { FakeClock } from "../../test/helpers/fake-clock.js";', "outside src/"],
  ["src/ports/planted.ts", 'import type { RunResults } from "../use-cases/report-tests.js";', "use-cases/"],
  ["src/ports/planted.ts", 'import type { Octokit } from "@octokit/rest";', "@octokit/rest"],
  ["src/ports/planted.ts", 'import type { AppEnv } from "../config/env.js";', "config/"],
  ["src/config/planted.ts", 'import { reportTests } from "../use-cases/report-tests.js";', "use-cases/"],
  ["src/config/planted.ts", 'import type { Clock } from "../ports/clock.js";', "ports/"],
  [
    "src/use-cases/planted.ts",
    'import { createGitHubCheckRuns } from "../adapters/github/github-check-runs.js";',
    "adapters/",
  ],
  ["src/use-cases/planted.ts", 'import type { Services } from "../app/services.js";', "app/"],
  ["src/use-cases/planted.ts", 'import { EXIT } from "../cli/cli-io.js";', "cli/"],
  ["src/use-cases/planted.ts", 'import { ECRClient } from "@aws-sdk/client-ecr";', "@aws-sdk/client-ecr"],
  ["src/use-cases/planted.ts", 'const m = await import("../adapters/oci/is-digest.js");', "adapters/"],
  ["src/use-cases/planted.ts", 'export * from "../adapters/oci/is-digest.js";', "adapters/"],
  ["src/use-cases/planted.ts", 'type T = import("../adapters/github/octokit.js").Octokit;', "adapters/"],
  [
    "src/adapters/github/planted.ts",
    'import type { WritePacer } from "../../use-cases/write-pacer.js";',
    "use-cases/",
  ],
  ["src/adapters/planted.ts", 'export { onPush } from "../app/on-push.js";', "app/"],
  ["src/adapters/storage/planted.ts", 'import { EXIT } from "../../cli/cli-io.js";', "cli/"],
  ["src/cli/planted.ts", 'import { createApp } from "../app/create-app.js";', "app/"],
  ["src/cli/planted.ts", 'const { createApp } = await import("../app/create-app.js");', "app/"],
];

/** What each layer may import: none of these may fire. */
const ALLOWED: [string, string][] = [
  [
    "src/domain/render/planted.ts",
    'import { MANIFEST_PATH } from "../names.js";\nimport picomatch from "picomatch";',
  ],
  [
    "src/ports/planted.ts",
    'import type { Problem } from "../domain/problem.js";\nimport type { Clock } from "./clock.js";',
  ],
  [
    "src/config/planted.ts",
    'import { DEFAULT_POLICY } from "../domain/policy/default-policy.js";\nimport { z } from "zod";',
  ],
  [
    "src/use-cases/planted.ts",
    'import type { Clock } from "../ports/clock.js";\nimport type { AppEnv } from "../config/env.js";\nimport { readManifest } from "./read-manifest.js";',
  ],
  [
    "src/adapters/github/planted.ts",
    'import type { WritePacer } from "../../ports/write-pacer.js";\nimport { MANIFEST_PATH } from "../../domain/names.js";\nimport { createHash } from "node:crypto";\nimport { Octokit } from "@octokit/rest";',
  ],
  [
    "src/cli/planted.ts",
    'import { openSqliteStore } from "../adapters/storage/open-sqlite-store.js";\nimport { readComponentFiles } from "../use-cases/read-component.js";\nimport { readFile } from "node:fs/promises";',
  ],
  [
    "src/app/planted.ts",
    'import { reportTests } from "../use-cases/report-tests.js";\nimport { Probot } from "probot";',
  ],
  ["src/planted.ts", 'import { createApp } from "./app/create-app.js";'],
];

describe("the dependency rule", () => {
  it.each(FORBIDDEN)("fires in %s on %s", async (path, code, named) => {
    const messages = await violations(path, `${code}\nexport const planted = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(named);
  });

  it.each(ALLOWED)("lets %s import what its layer may", async (path, code) => {
    expect(await violations(path, `${code}\nexport const planted = 1;\n`)).toEqual([]);
  });

  it("knows every folder of src/, so that a new one cannot escape it", () => {
    const folders = readdirSync(`${ROOT}src`, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !(folder in LAYERS))).toEqual([]);
  });

  it("holds for the real tree", async () => {
    const results = await eslint.lintFiles(["src"]);
    const found = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === RULE).map((m) => `${r.filePath}:${m.line} ${m.message}`),
    );
    expect(found).toEqual([]);
    expect(results.length).toBeGreaterThan(200);
  });
});
