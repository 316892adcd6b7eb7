import type { TestCase } from "./test-results.js";

/** A place in the repository: a path from the repository tree and a 1-based line. */
export interface FailureLocation {
  readonly path: string;
  readonly line: number;
}

export interface LocateOptions {
  /** Absolute checkout directories to strip, besides the well-known CI workspaces. */
  readonly workspacePrefixes?: readonly string[];
}

/** Paths of the repository tree. Treated as immutable: an index is built once per object. */
export type RepoPaths = ReadonlySet<string> | readonly string[];

// Bounded work on untrusted traces: lines scanned, characters per line, frames kept.
const MAX_LINES = 200;
const MAX_LINE_CHARS = 2000;
const MAX_FRAMES = 400;
const MAX_RESOLVED = 10_000;

// Checkout directories of GitHub-hosted and container runners, after `\` became `/`.
const CI_WORKSPACES = [
  /^\/home\/runner\/work\/[^/]+\/[^/]+\//,
  /^\/Users\/runner\/work\/[^/]+\/[^/]+\//,
  /^[A-Za-z]:\/a\/[^/]+\/[^/]+\//,
  /^\/__w\/[^/]+\/[^/]+\//,
  /^\/github\/workspace\//,
];
const IGNORED_PATH = /(^|\/)(node_modules|site-packages|dist-packages|vendor)\/|^(node|internal)[:/]|^</;
const IGNORED_CLASS =
  /^(java|javax|jdk|sun|com\.sun|kotlin|kotlinx|scala|org\.junit|junit|org\.opentest4j|org\.testng|org\.gradle|org\.apache\.maven|org\.hamcrest|org\.assertj)\./;
const JAVA_FRAME = /^at\s+([\w$./<>-]+)\(([^()]*)\)/;
const PYTHON_FRAME = /^File "([^"]+)", line (\d+)/;
const TOKEN_SEPARATORS = /[\s()"'[\],]+/;
const EXTENSION = /\.[A-Za-z0-9]+$/;

interface IndexedPath {
  readonly path: string;
  readonly segments: readonly string[];
}
interface PathIndex {
  readonly size: number;
  readonly exact: ReadonlySet<string>;
  readonly byBasename: ReadonlyMap<string, IndexedPath[]>;
  /** Resolved trace paths: a failing build repeats the same frames thousands of times. */
  readonly resolved: Map<string, string | undefined>;
}
interface Frame {
  readonly path: string;
  readonly line: number;
  readonly javaClass?: string;
}

const indexes = new WeakMap<RepoPaths, PathIndex>();

function sizeOf(paths: RepoPaths): number {
  return "size" in paths ? paths.size : paths.length;
}

function indexPaths(paths: RepoPaths): PathIndex {
  const cached = indexes.get(paths);
  if (cached && cached.size === sizeOf(paths)) return cached;
  const exact = new Set<string>();
  const byBasename = new Map<string, IndexedPath[]>();
  for (const raw of paths) {
    const segments = raw
      .replace(/\\/g, "/")
      .split("/")
      .filter((s) => s !== "" && s !== ".");
    if (segments.length === 0) continue;
    const path = segments.join("/");
    if (exact.has(path)) continue;
    exact.add(path);
    const base = segments[segments.length - 1]!;
    const list = byBasename.get(base);
    if (list) list.push({ path, segments });
    else byBasename.set(base, [{ path, segments }]);
  }
  const index = { size: sizeOf(paths), exact, byBasename, resolved: new Map<string, string | undefined>() };
  indexes.set(paths, index);
  return index;
}

/** Path segments of a file name from a report or trace, with URL, drive and CI checkout prefixes removed. */
function candidateSegments(raw: string, prefixes: readonly string[]): string[] {
  let path = raw.trim();
  if (path.startsWith("file://")) {
    path = path.slice("file://".length);
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep it as written
    }
    if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1);
  }
  path = path.replace(/\\/g, "/");
  for (const prefix of prefixes) {
    const p = prefix.replace(/\\/g, "/").replace(/\/?$/, "/");
    if (path.startsWith(p)) {
      path = path.slice(p.length);
      break;
    }
  }
  for (const workspace of CI_WORKSPACES) path = path.replace(workspace, "");
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return segments;
}

/**
 * The repository path a file name refers to: an exact match, else the one path that shares the
 * longest segment suffix with it, where one of the two is a whole suffix of the other. Ties are
 * ambiguous and give undefined: a wrong annotation is worse than none.
 */
function resolvePath(raw: string, index: PathIndex, prefixes: readonly string[]): string | undefined {
  const key = prefixes.length === 0 ? raw : `${prefixes.join("\0")}\0\0${raw}`;
  if (index.resolved.has(key)) return index.resolved.get(key);
  const path = resolveUncached(raw, index, prefixes);
  if (index.resolved.size >= MAX_RESOLVED) index.resolved.clear();
  index.resolved.set(key, path);
  return path;
}

function resolveUncached(raw: string, index: PathIndex, prefixes: readonly string[]): string | undefined {
  const segments = candidateSegments(raw, prefixes);
  if (segments.length === 0) return undefined;
  const joined = segments.join("/");
  if (index.exact.has(joined)) return joined;
  const list = index.byBasename.get(segments[segments.length - 1]!);
  if (!list) return undefined;
  let best = 0;
  let found: string | undefined;
  let tie = false;
  for (const entry of list) {
    const common = commonSuffix(entry.segments, segments);
    if (common < Math.min(entry.segments.length, segments.length)) continue;
    if (common > best) {
      best = common;
      found = entry.path;
      tie = false;
    } else if (common === best) tie = true;
  }
  return tie ? undefined : found;
}

function commonSuffix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** `path:line` or `path:line:column` split from the end, without a regex that could backtrack. */
function splitLocation(text: string): { path: string; line: number } | undefined {
  let end = text.length;
  let line: number | undefined;
  for (let k = 0; k < 2; k++) {
    let i = end;
    while (i > 0 && text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57) i--;
    if (i === end || i < 2 || text[i - 1] !== ":" || end - i > 9) break;
    line = Number(text.slice(i, end));
    end = i - 1;
  }
  if (line === undefined || line < 1) return undefined;
  return { path: text.slice(0, end), line };
}

/** A Java/Kotlin frame; `null` for one to ignore (JDK, test framework); undefined when the line is not one. */
function javaFrame(match: RegExpExecArray): Frame | null | undefined {
  const location = splitLocation(match[2]!);
  if (!location) return undefined; // `at Ns.Type.Method() in …` is .NET, not Java
  const qualified = match[1]!.slice(match[1]!.lastIndexOf("/") + 1); // drop a module like `java.base/`
  const className = qualified.slice(0, qualified.lastIndexOf("."));
  if (className === "" || IGNORED_CLASS.test(className)) return null;
  const outer = className.split("$")[0]!;
  const packageParts = outer.split(".").slice(0, -1);
  const file = location.path.slice(location.path.lastIndexOf("/") + 1);
  return { path: [...packageParts, file].join("/"), line: location.line, javaClass: outer };
}

/** The frames of one trace line, most specific dialect first. */
function lineFrames(line: string, out: Frame[]): void {
  const text = line.trim();
  const java = JAVA_FRAME.exec(text);
  const frame = java ? javaFrame(java) : undefined;
  if (frame !== undefined) {
    if (frame !== null) out.push(frame);
    return;
  }
  const python = PYTHON_FRAME.exec(text);
  if (python) {
    out.push({ path: python[1]!, line: Number(python[2]) });
    return;
  }
  const dotnet = text.lastIndexOf(":line ");
  if (text.startsWith("at ") && dotnet > 0) {
    const start = text.lastIndexOf(" in ", dotnet);
    const lineNumber = Number.parseInt(text.slice(dotnet + 6), 10);
    if (start > 0 && lineNumber > 0) out.push({ path: text.slice(start + 4, dotnet), line: lineNumber });
    return;
  }
  if (text.startsWith("at ") && text.endsWith(")") && text.includes(" (")) {
    // JavaScript: `at fn (/abs/path/file.ts:10:5)`, a path that may hold spaces.
    const location = splitLocation(text.slice(text.lastIndexOf("(") + 1, -1));
    if (location) out.push(location);
    return;
  }
  for (const token of text.split(TOKEN_SEPARATORS)) {
    // `tests/test_x.py:10:`, `foo_test.go:12:`, `/app/FooTest.php:42`, `at /abs/file.js:3:1`
    let end = token.length;
    while (end > 0 && token[end - 1] === ":") end--;
    const location = splitLocation(token.slice(0, end));
    if (location && EXTENSION.test(location.path)) out.push(location);
  }
}

// Frames of trace lines seen before: a failing build repeats the same frames across thousands of cases.
const lineCache = new Map<string, readonly Frame[]>();
const MAX_CACHED_LINES = 20_000;

function cachedLineFrames(line: string): readonly Frame[] {
  const cached = lineCache.get(line);
  if (cached) return cached;
  const parsed: Frame[] = [];
  lineFrames(line, parsed);
  const frames = parsed.filter((f) => !IGNORED_PATH.test(f.path.replace(/\\/g, "/")));
  if (lineCache.size >= MAX_CACHED_LINES) lineCache.clear();
  lineCache.set(line, frames);
  return frames;
}

/** Adds the frames of `text` to `out`; stops early at a frame of the test's own Java class, which wins anyway. */
function scanFrames(text: string | undefined, out: Frame[], ownClass: string): void {
  if (!text) return;
  const seen = new Set<readonly Frame[]>(); // a repeated line (recursion) adds nothing
  let start = 0;
  for (let n = 0; n < MAX_LINES && start < text.length && out.length < MAX_FRAMES; n++) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    const frames = cachedLineFrames(text.slice(start, Math.min(end, start + MAX_LINE_CHARS)));
    start = end + 1;
    if (seen.has(frames)) continue;
    seen.add(frames);
    for (const frame of frames) {
      out.push(frame);
      if (ownClass !== "" && frame.javaClass === ownClass) return;
    }
  }
}

/** Whether a repository file is the test's own, judged by its class name (`com.acme.FooTest`, `tests.test_x.TestX`). */
function isHome(path: string, classSegments: readonly string[]): boolean {
  if (classSegments.length === 0) return false;
  const key = path.replace(EXTENSION, "").split("/");
  for (let n = classSegments.length; n >= 1; n--) {
    if (n > key.length) continue;
    let same = true;
    for (let i = 0; i < n && same; i++) same = classSegments[n - 1 - i] === key[key.length - 1 - i];
    if (same) return true;
  }
  return false;
}

/**
 * Where in the repository a failing test case failed, when that can be told: from the case's
 * `file`/`line` attributes, else from its stack trace (Java/Kotlin, JavaScript/TypeScript, Python,
 * Go, .NET, PHP frames), preferring the frame in the test's own class or file. Only paths present
 * in `repoPaths` are returned, and only unambiguous ones. Scans at most 200 trace lines.
 */
export function locateFailure(
  testCase: TestCase,
  repoPaths: RepoPaths,
  options: LocateOptions = {},
): FailureLocation | undefined {
  const index = indexPaths(repoPaths);
  const prefixes = options.workspacePrefixes ?? [];
  const classname = (testCase.classname ?? "").split("$")[0]!;
  const frames: Frame[] = [];
  scanFrames(testCase.fault?.details, frames, classname);
  if (frames.length === 0) scanFrames(testCase.fault?.message, frames, classname);
  // Python prints the innermost frame last; every other dialect prints it first.
  if (frames.length > 0 && frames.every((f) => f.path.endsWith(".py"))) frames.reverse();

  if (testCase.file !== undefined && testCase.file.trim() !== "") {
    const path = resolvePath(testCase.file, index, prefixes);
    if (path !== undefined) {
      if (testCase.line !== undefined && Number.isInteger(testCase.line) && testCase.line >= 1) {
        return { path, line: testCase.line };
      }
      const frame = frames.find((f) => resolvePath(f.path, index, prefixes) === path);
      return { path, line: frame?.line ?? 1 };
    }
  }

  const classSegments = classname === "" ? [] : classname.split(".");
  let fallback: FailureLocation | undefined;
  for (const frame of frames) {
    const path = resolvePath(frame.path, index, prefixes);
    if (path === undefined) continue;
    if (frame.javaClass !== undefined ? frame.javaClass === classname : isHome(path, classSegments)) {
      return { path, line: frame.line };
    }
    fallback ??= { path, line: frame.line };
  }
  return fallback;
}
