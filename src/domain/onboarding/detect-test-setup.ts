import { BUILD_FILES } from "./files-to-read.js";
import type { TestSetup } from "./repo-facts.js";

const NONE: TestSetup = { framework: "none", directory: ".", reports: [] };

/**
 * The unit-test setup of a repository, from its build files: the root's first, else the
 * first folder (in path order) that has one. JavaScript (jest, vitest, mocha), Maven,
 * Gradle, pytest and Go, in that order of preference within a folder.
 */
export function detectTestSetup(
  files: readonly string[],
  readText: Readonly<Record<string, string>>,
): TestSetup {
  const folders = [
    ".",
    ...new Set(files.filter((p) => p.split("/").length === 2).map((p) => p.split("/")[0] ?? "")),
  ]
    .filter((folder) => folder !== "")
    .sort((a, b) => (a === "." ? -1 : b === "." ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const has = new Set(files);
  for (const folder of folders) {
    const at = (name: string) => (folder === "." ? name : `${folder}/${name}`);
    if (!BUILD_FILES.some((name) => has.has(at(name)))) continue;
    const setup = detectIn(folder, at, has, readText);
    if (setup) return setup;
  }
  return NONE;
}

function detectIn(
  directory: string,
  at: (name: string) => string,
  has: ReadonlySet<string>,
  readText: Readonly<Record<string, string>>,
): TestSetup | undefined {
  const pkg = readText[at("package.json")];
  if (pkg !== undefined) {
    const js = javascript(directory, at, has, pkg);
    if (js) return js;
  }
  const pom = readText[at("pom.xml")];
  if (pom !== undefined || has.has(at("pom.xml"))) {
    return {
      framework: "maven",
      directory,
      detectedFrom: at("pom.xml"),
      toolchainVersion: javaVersion(pom ?? ""),
      wrapper: has.has(at("mvnw")),
      reports: ["**/target/surefire-reports/TEST-*.xml"],
    };
  }
  const gradleFile = ["build.gradle.kts", "build.gradle"].map(at).find((path) => has.has(path));
  if (gradleFile !== undefined) {
    return {
      framework: "gradle",
      directory,
      detectedFrom: gradleFile,
      toolchainVersion: javaVersion(readText[gradleFile] ?? ""),
      wrapper: has.has(at("gradlew")),
      reports: ["**/build/test-results/test/*.xml"],
    };
  }
  const pyFile = ["pytest.ini", "pyproject.toml", "setup.cfg"]
    .map(at)
    .find((path) => usesPytest(path, readText[path]));
  if (pyFile !== undefined) {
    const requirements = ["requirements.txt", "requirements-dev.txt", "requirements-test.txt"]
      .map(at)
      .filter((path) => has.has(path));
    return {
      framework: "pytest",
      directory,
      detectedFrom: pyFile,
      ...(has.has(at(".python-version")) ? { versionFile: ".python-version" } : { toolchainVersion: "3.12" }),
      requirements,
      reports: ["reports/junit/pytest.xml"],
    };
  }
  if (has.has(at("go.mod"))) {
    return {
      framework: "go",
      directory,
      detectedFrom: at("go.mod"),
      versionFile: "go.mod",
      reports: ["reports/junit/go.xml"],
    };
  }
  return undefined;
}

function javascript(
  directory: string,
  at: (name: string) => string,
  has: ReadonlySet<string>,
  text: string,
): TestSetup | undefined {
  const pkg = parseJsonObject(text);
  if (!pkg) return undefined;
  const deps = { ...record(pkg["dependencies"]), ...record(pkg["devDependencies"]) };
  const testScript =
    typeof record(pkg["scripts"])["test"] === "string" ? String(record(pkg["scripts"])["test"]) : "";
  const uses = (name: string) => name in deps || testScript.includes(name);
  const framework = uses("vitest") ? "vitest" : uses("jest") ? "jest" : uses("mocha") ? "mocha" : undefined;
  if (!framework) return undefined;
  const packageManager = has.has(at("pnpm-lock.yaml")) ? "pnpm" : has.has(at("yarn.lock")) ? "yarn" : "npm";
  const versionFile = [".nvmrc", ".node-version"].find((name) => has.has(at(name)));
  const engine = /(\d{2})/.exec(String(record(pkg["engines"])["node"] ?? ""))?.[1];
  const reports = {
    jest: "reports/junit/jest.xml",
    mocha: "reports/junit/mocha.xml",
    vitest: "reports/junit/vitest.xml",
  };
  return {
    framework,
    directory,
    detectedFrom: at("package.json"),
    ...(versionFile ? { versionFile } : { toolchainVersion: engine && Number(engine) >= 18 ? engine : "20" }),
    packageManager,
    lockfile: packageManager !== "npm" || has.has(at("package-lock.json")),
    reports: [reports[framework]],
  };
}

function usesPytest(path: string, text: string | undefined): boolean {
  if (text === undefined) return false;
  if (path.endsWith("pytest.ini")) return true;
  if (path.endsWith("setup.cfg")) return text.includes("[tool:pytest]");
  return text.includes("[tool.pytest") || /["'\s=]pytest\b/.test(text);
}

/** The Java release a Maven or Gradle build targets (`17`, `21`; `1.8` is 8), else 21. */
function javaVersion(text: string): string {
  const patterns = [
    /<(?:maven\.compiler\.release|java\.version|maven\.compiler\.source|release)>\s*(?:1\.)?(\d{1,2})\s*</,
    /JavaLanguageVersion\.of\(\s*(\d{1,2})\s*\)/,
    /JavaVersion\.VERSION_(?:1_)?(\d{1,2})/,
    /sourceCompatibility\s*=\s*['"]?(?:1\.)?(\d{1,2})/,
  ];
  for (const pattern of patterns) {
    const version = pattern.exec(text)?.[1];
    if (version !== undefined && Number(version) >= 8) return version;
  }
  return "21";
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return record(value);
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
