/** Build files whose contents tell the test framework, at the root or one folder down. */
export const BUILD_FILES = [
  "package.json",
  "pom.xml",
  "build.gradle",
  "build.gradle.kts",
  "pyproject.toml",
  "setup.cfg",
  "pytest.ini",
  "go.mod",
];

/** Most files onboarding asks for: each costs the caller a request (and at most 256 KiB). */
export const MAX_FILES_TO_READ = 20;
const MAX_DOCKERFILES = 10;
/** Folders whose Dockerfiles and build files belong to someone else's code. */
const VENDORED = /(?:^|\/)(?:node_modules|vendor|third_party|\.git)\//;

/** Whether `path` names a Dockerfile: `Dockerfile`, `Dockerfile.<x>` or `<x>.Dockerfile`, in any folder. */
export function isDockerfile(path: string): boolean {
  if (VENDORED.test(path)) return false;
  const base = (path.split("/").pop() ?? "").toLowerCase();
  if (base.endsWith(".dockerignore")) return false;
  return base === "dockerfile" || base.startsWith("dockerfile.") || base.endsWith(".dockerfile");
}

function depth(path: string): number {
  return path.split("/").length - 1;
}

function byDepthThenPath(a: string, b: string): number {
  return depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The paths, among all of the default branch's `files`, whose contents onboarding needs:
 * the root build files, then the Dockerfiles (shallowest first, at most 10), then build
 * files one folder down; at most {@link MAX_FILES_TO_READ} in all.
 */
export function FILES_TO_READ(files: readonly string[]): string[] {
  const root = BUILD_FILES.filter((name) => files.includes(name));
  const dockerfiles = files.filter(isDockerfile).sort(byDepthThenPath).slice(0, MAX_DOCKERFILES);
  const nested = files
    .filter(
      (path) => depth(path) === 1 && !VENDORED.test(path) && BUILD_FILES.includes(path.split("/")[1] ?? ""),
    )
    .sort(byDepthThenPath);
  return [...root, ...dockerfiles, ...nested].slice(0, MAX_FILES_TO_READ);
}
