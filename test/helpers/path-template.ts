/**
 * Route templates such as `POST /repos/{owner}/{repo}/check-runs`, compiled to regular expressions.
 * Shared by the OpenAPI checker, the nock mock and the fake server so all three match paths the same way.
 */

/** A compiled `{param}` path template. */
export interface PathTemplate {
  readonly template: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
  /** Characters outside `{...}`: more literal text means a more specific template. */
  readonly literalLength: number;
}

/** A route: an upper-case HTTP method and a path template. */
export interface Route {
  readonly method: string;
  readonly template: string;
}

// GitHub clients may send a file path with raw slashes (Octokit sends %2F); a trailing `{path}` takes both.
const GREEDY_LAST = new Set(["path"]);

/** Compiles `/repos/{owner}/{repo}` to a regular expression that matches a raw (still percent-encoded) path. */
export function compilePathTemplate(template: string): PathTemplate {
  const names: string[] = [];
  let literalLength = 0;
  let source = "";
  const parts = template.split(/(\{[^}]+\})/);
  parts.forEach((part, index) => {
    const param = /^\{([^}]+)\}$/.exec(part);
    if (param?.[1] !== undefined) {
      names.push(param[1]);
      const last = index === parts.length - 1 || (index === parts.length - 2 && parts[index + 1] === "");
      source += last && GREEDY_LAST.has(param[1]) ? "(.+)" : "([^/]+)";
    } else {
      literalLength += part.length;
      source += part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
  });
  return { template, regex: new RegExp(`^${source}/?$`), names, literalLength };
}

/** Matches a raw path (no query) and returns the decoded parameters, or undefined. */
export function matchPathTemplate(
  compiled: PathTemplate,
  rawPath: string,
): Record<string, string> | undefined {
  const match = compiled.regex.exec(rawPath);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  compiled.names.forEach((name, i) => {
    params[name] = safeDecode(match[i + 1] ?? "");
  });
  return params;
}

/** Of several matching templates, the one with the most literal text wins (`/runs/{id}/logs` beats `/{a}/{b}/{c}`). */
export function moreSpecific(a: PathTemplate, b: PathTemplate): PathTemplate {
  if (a.literalLength !== b.literalLength) return a.literalLength > b.literalLength ? a : b;
  return a.names.length <= b.names.length ? a : b;
}

/** Parses `"POST /repos/{owner}/{repo}/check-runs"`; throws a readable error on anything else. */
export function parseRoute(route: string): Route {
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(route.trim());
  if (!match?.[1] || !match[2]) {
    throw new Error(
      `route must look like "POST /repos/{owner}/{repo}/check-runs", got ${JSON.stringify(route)}`,
    );
  }
  return { method: match[1].toUpperCase(), template: match[2] };
}

/** Splits a request URL path into the raw path and its query parameters (repeated keys become arrays). */
export function splitPathAndQuery(pathWithQuery: string): {
  path: string;
  query: Record<string, string | string[]>;
} {
  const url = new URL(pathWithQuery, "http://placeholder.invalid");
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return { path: url.pathname, query };
}

/** Removes a GitHub Enterprise Server `/api/v3` prefix (or any base path) from a request path. */
export function stripBasePath(path: string, basePath: string): string {
  const base = basePath.replace(/\/+$/, "");
  if (base && (path === base || path.startsWith(`${base}/`))) return path.slice(base.length) || "/";
  return path;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
