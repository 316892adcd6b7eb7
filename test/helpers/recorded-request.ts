/** A request that reached a GitHub mock or the fake GitHub server, as the tests see it. */
export interface RecordedRequest {
  /** Upper-case method. */
  method: string;
  /** Raw path without query and without the `/api/v3` (or other base) prefix, e.g. `/repos/o/r/check-runs`. */
  path: string;
  query: Record<string, string | string[]>;
  /** Parsed JSON when the body was JSON, the text otherwise, undefined when empty. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** GitHub's operationId, when the OpenAPI description knows the request. */
  operationId?: string;
  /** The OpenAPI path template that matched, e.g. `/repos/{owner}/{repo}/check-runs`. */
  template?: string;
  /** Path parameters decoded from the matched template. */
  params: Record<string, string>;
  /** Mismatches with GitHub's OpenAPI description (empty when the request is valid). */
  openApiProblems: string[];
}

/** `POST /repos/o/r/check-runs?x=1`, for error messages. */
export function describeRequest(request: Pick<RecordedRequest, "method" | "path" | "query">): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query)) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, item);
  }
  const text = query.toString();
  return `${request.method} ${request.path}${text ? `?${text}` : ""}`;
}

/** Parses a request body as JSON when it looks like JSON; keeps the text otherwise. */
export function parseBody(text: string | undefined, contentType: string | undefined): unknown {
  if (text === undefined || text === "") return undefined;
  if (contentType !== undefined && !/json/i.test(contentType) && !/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
