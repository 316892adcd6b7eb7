/**
 * Checks requests (and canned responses) against GitHub's official OpenAPI description, so our mocks and
 * fakes cannot drift from what GitHub accepts and returns.
 *
 * @example
 * const { operationId, problems } = checkRequest({ method: "POST", path: "/repos/o/r/check-runs", body: { name: "x" } });
 * // operationId "checks/create", problems ["request body: must have required property 'head_sha'"]
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import {
  loadDescription,
  type Description,
  type DescriptionName,
  type Operation,
} from "./openapi-description.js";
import { isObject, resolveLocalRef } from "./openapi-schema.js";
import { splitPathAndQuery, stripBasePath } from "./path-template.js";

export { availableDescriptions, type DescriptionName } from "./openapi-description.js";

/** A request as seen on the wire; `path` has no `/api/v3` prefix (one is stripped if present). */
export interface RequestToCheck {
  method: string;
  /** Raw (percent-encoded) path; a `?query` part is allowed and merged into `query`. */
  path: string;
  query?: Record<string, string | string[]>;
  /** Parsed JSON, or a string (parsed when the operation takes JSON). */
  body?: unknown;
  headers?: Record<string, string | string[] | undefined>;
}

/** A response to check, e.g. a mock's canned reply. */
export interface ResponseToCheck {
  method: string;
  path: string;
  status: number;
  body?: unknown;
}

/** The outcome: the operation found (if any) and every problem, each a readable sentence. */
export interface CheckResult {
  operationId?: string;
  /** The OpenAPI path template that matched, e.g. `/repos/{owner}/{repo}/check-runs`. */
  template?: string;
  params?: Record<string, string>;
  problems: string[];
}

/** Which description to check against; `api.github.com` unless told. */
export interface CheckOptions {
  description?: DescriptionName;
}

const MAX_PROBLEMS = 12;

/** Finds the operation for a method and path (most literal template wins) and checks params, query and body. */
export function checkRequest(request: RequestToCheck, options: CheckOptions = {}): CheckResult {
  const description = loadDescription(options.description);
  const { path, query: inlineQuery } = splitPathAndQuery(stripBasePath(request.path, "/api/v3"));
  const query = { ...inlineQuery, ...request.query };
  const method = request.method.toUpperCase();
  const found = description.findOperation(method, path);
  if (!found) {
    return {
      problems: [
        `no such operation in GitHub's OpenAPI description (${description.name}): ${method} ${path}`,
      ],
    };
  }
  const { operation, params } = found;
  const problems = [
    ...checkParameters(description, operation, "path", params),
    ...checkParameters(description, operation, "query", query),
    ...checkBody(description, operation, request.body),
  ].slice(0, MAX_PROBLEMS);
  return { operationId: operation.operationId, template: operation.template.template, params, problems };
}

/**
 * Checks a response body against the schema GitHub documents for that operation and status.
 * A body that is a non-JSON string (raw media types) is not checked; an undocumented status is a problem.
 */
export function checkResponse(response: ResponseToCheck, options: CheckOptions = {}): CheckResult {
  const description = loadDescription(options.description);
  const { path } = splitPathAndQuery(stripBasePath(response.path, "/api/v3"));
  const method = response.method.toUpperCase();
  const found = description.findOperation(method, path);
  if (!found) {
    return {
      problems: [
        `no such operation in GitHub's OpenAPI description (${description.name}): ${method} ${path}`,
      ],
    };
  }
  const { operation, params } = found;
  const base = { operationId: operation.operationId, template: operation.template.template, params };
  // GitHub documents its rate-limit answers once for every endpoint ("Rate limits for the REST API"),
  // not per operation: a 403 or 429 whose message says "rate limit" is allowed anywhere, as is a
  // server error (5xx), which any endpoint can answer.
  if (isRateLimitAnswer(response)) return { ...base, problems: [] };
  const documented = responseFor(description, operation, response.status);
  if (!documented) {
    const statuses = Object.keys(responsesOf(operation)).join(", ");
    return {
      ...base,
      problems: [
        `status ${response.status} is not documented for ${operation.operationId} (documented: ${statuses})`,
      ],
    };
  }
  const schema = jsonContent(description, documented)?.schema;
  if (schema === undefined) return { ...base, problems: [] };
  const body = typeof response.body === "string" ? tryJson(response.body) : response.body;
  // A text body that is not JSON answers a raw media type (e.g. `application/vnd.github.raw`), which has no schema.
  if (typeof body === "string" && body === response.body) return { ...base, problems: [] };
  const validate = description.validator(
    description.bodyAjv,
    `${operation.operationId} ${response.status}`,
    schema,
  );
  return { ...base, problems: runValidator(validate, body, `response ${response.status} body`) };
}

/** GitHub's own example response for an operation and status (a deep copy), a good base for canned replies. */
export function responseExample(
  request: { method: string; path: string; status: number },
  options: CheckOptions = {},
): unknown {
  const description = loadDescription(options.description);
  const { path } = splitPathAndQuery(stripBasePath(request.path, "/api/v3"));
  const found = description.findOperation(request.method, path);
  if (!found) throw new Error(`no such operation in GitHub's OpenAPI description: ${request.method} ${path}`);
  const documented = responseFor(description, found.operation, request.status);
  const content = documented && jsonContent(description, documented);
  if (!content)
    throw new Error(`${found.operation.operationId} documents no JSON body for status ${request.status}`);
  if (content.example !== undefined)
    return structuredClone(resolveDeep(description.document, content.example));
  const first = isObject(content.examples) ? Object.values(content.examples)[0] : undefined;
  const example = resolveLocalRef(description.document, first);
  if (!isObject(example) || example.value === undefined) {
    throw new Error(`${found.operation.operationId} has no example for status ${request.status}`);
  }
  // A value may itself point at an Example Object (`#/components/examples/...`): take its value.
  let value: unknown = example.value;
  if (isObject(value) && typeof value.$ref === "string" && value.$ref.startsWith("#/components/examples/")) {
    const target = resolveLocalRef(description.document, value);
    value = isObject(target) ? target.value : target;
  }
  return structuredClone(resolveDeep(description.document, value));
}

/** Examples in the non-dereferenced description hold `$ref`s at any depth: follow them all. */
function resolveDeep(document: Parameters<typeof resolveLocalRef>[0], value: unknown, depth = 0): unknown {
  if (depth > 50) throw new Error("example nests too deep");
  const resolved = resolveLocalRef(document, value);
  if (Array.isArray(resolved)) return resolved.map((item) => resolveDeep(document, item, depth + 1));
  if (isObject(resolved)) {
    return Object.fromEntries(
      Object.entries(resolved).map(([key, item]) => [key, resolveDeep(document, item, depth + 1)]),
    );
  }
  return resolved;
}

function checkParameters(
  description: Description,
  operation: Operation,
  location: "path" | "query",
  values: Record<string, string | string[]>,
): string[] {
  const parameters = (Array.isArray(operation.raw.parameters) ? operation.raw.parameters : [])
    .map((p) => resolveLocalRef(description.document, p))
    .filter(
      (p): p is Record<string, unknown> => isObject(p) && p.in === location && typeof p.name === "string",
    );
  const schema = {
    type: "object",
    properties: Object.fromEntries(parameters.map((p) => [p.name as string, p.schema ?? {}])),
    required: parameters.filter((p) => p.required === true).map((p) => p.name as string),
    additionalProperties: false,
  };
  const validate = description.validator(
    description.paramAjv,
    `${operation.operationId} ${location}`,
    schema,
  );
  const known = parameters.map((p) => p.name as string).join(", ") || "none";
  return runValidator(validate, structuredClone(values), `${location} parameter`, known);
}

function checkBody(description: Description, operation: Operation, rawBody: unknown): string[] {
  const empty = rawBody === undefined || rawBody === null || rawBody === "";
  const requestBody =
    operation.raw.requestBody === undefined
      ? undefined
      : resolveLocalRef(description.document, operation.raw.requestBody);
  if (!isObject(requestBody)) {
    return empty ? [] : [`${operation.operationId} takes no request body, got ${preview(rawBody)}`];
  }
  if (empty)
    return requestBody.required === true ? [`request body is required by ${operation.operationId}`] : [];
  const content = jsonContent(description, requestBody);
  if (!content) return []; // octet-stream or text uploads: nothing to validate structurally
  const body = typeof rawBody === "string" ? tryJson(rawBody) : rawBody;
  const validate = description.validator(
    description.bodyAjv,
    `${operation.operationId} request`,
    content.schema ?? {},
  );
  return runValidator(validate, body, "request body");
}

function responsesOf(operation: Operation): Record<string, unknown> {
  return isObject(operation.raw.responses) ? operation.raw.responses : {};
}

function responseFor(
  description: Description,
  operation: Operation,
  status: number,
): Record<string, unknown> | undefined {
  const responses = responsesOf(operation);
  const raw = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  const resolved = raw === undefined ? undefined : resolveLocalRef(description.document, raw);
  return isObject(resolved) ? resolved : undefined;
}

function jsonContent(
  description: Description,
  holder: Record<string, unknown>,
): Record<string, unknown> | undefined {
  if (!isObject(holder.content)) return undefined;
  const key = Object.keys(holder.content).find((type) => /^application\/(.+\+)?json/.test(type));
  const content = key === undefined ? undefined : resolveLocalRef(description.document, holder.content[key]);
  return isObject(content) ? content : undefined;
}

function runValidator(validate: ValidateFunction, data: unknown, where: string, known?: string): string[] {
  if (validate(data)) return [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) seen.add(describeError(error, where, data, known));
  return [...seen];
}

function describeError(error: ErrorObject, where: string, data: unknown, known?: string): string {
  const at = error.instancePath ? ` ${error.instancePath}` : "";
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties") {
    const name = String(params.additionalProperty);
    if (known !== undefined) return `unknown ${where} '${name}' (known: ${known})`;
    return `${where}${at}: unknown property '${name}'`;
  }
  if (known !== undefined && error.keyword === "required") {
    return `missing required ${where} '${String(params.missingProperty)}'`;
  }
  const value = valueAt(data, error.instancePath);
  // Parameters are named like GitHub's docs name them; bodies get a JSON pointer.
  const subject =
    known !== undefined && error.instancePath
      ? `${where} '${error.instancePath.slice(1).split("/")[0]}'`
      : `${where}${at}`;
  let message = `${subject}: ${error.message ?? error.keyword}`;
  if (error.keyword === "enum")
    message += ` (${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")})`;
  if (error.instancePath && value !== undefined) message += `, got ${preview(value)}`;
  return message;
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of pointer.split("/").slice(1)) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    current =
      isObject(current) || Array.isArray(current) ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isRateLimitAnswer(response: ResponseToCheck): boolean {
  if (response.status >= 500) return true;
  const message = (response.body as { message?: unknown } | undefined)?.message;
  return (
    (response.status === 403 || response.status === 429) &&
    typeof message === "string" &&
    /rate limit/i.test(message)
  );
}
