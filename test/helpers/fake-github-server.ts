/**
 * A real HTTP server on 127.0.0.1 that stands in for GitHub Enterprise Server, for end-to-end tests where the
 * app runs as a separate process (`GHE_HOST=127.0.0.1:PORT GHE_PROTOCOL=http`, so requests arrive at `/api/v3/...`).
 * Every API request is recorded and checked against GitHub's OpenAPI description; unexpected ones get a
 * GitHub-like 404 and are listed in `problems`.
 *
 * @example
 * const gh = await startFakeGitHub();
 * gh.route("POST /repos/{owner}/{repo}/check-runs", ({ body }) => ({ status: 201, body: checkRunLike(body) }));
 * // spawn the app with { ...process.env, ...gh.env }
 * await gh.waitFor("POST /repos/{owner}/{repo}/check-runs");
 * expect(gh.problems).toEqual([]);
 * await gh.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readBody, send } from "./fake-http-io.js";
import type { AddressInfo } from "node:net";
import { checkRequest, checkResponse, responseExample, type DescriptionName } from "./openapi.js";
import { defaultDescription, githubError, installationTokenBody } from "./github-defaults.js";
import { describeRequest, parseBody, type RecordedRequest } from "./recorded-request.js";
import {
  compilePathTemplate,
  matchPathTemplate,
  moreSpecific,
  parseRoute,
  splitPathAndQuery,
  stripBasePath,
  type PathTemplate,
} from "./path-template.js";

/** What a route handler receives. */
export interface FakeRequest {
  method: string;
  /** Raw path without `/api/v3` and query. */
  path: string;
  /** Decoded path parameters of the route's template. */
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  /** Parsed JSON, text, or undefined when empty. */
  body: unknown;
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** What a route handler answers: a Buffer or string is sent as is, anything else as JSON. */
export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** Options of {@link startFakeGitHub}. */
export interface FakeGitHubOptions {
  /** Description to check against; default the newest `ghes-3.x` shipped in `@octokit/openapi`. */
  description?: DescriptionName;
  /** Check handler responses against GitHub's response schemas (default true); per route too. */
  validateResponses?: boolean;
}

/** The running fake. */
export interface FakeGitHub {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `http://127.0.0.1:PORT/api/v3`, the Octokit `baseUrl`. */
  readonly apiUrl: string;
  /** `127.0.0.1:PORT` */
  readonly host: string;
  readonly port: number;
  /** `{ GHE_HOST, GHE_PROTOCOL }` to merge into the app's environment. */
  readonly env: { GHE_HOST: string; GHE_PROTOCOL: "http" };
  /** Every API request, in arrival order (blob downloads are not API requests and are not listed). */
  readonly requests: RecordedRequest[];
  /** OpenAPI mismatches, unexpected requests, invalid handler responses and handler crashes. */
  readonly problems: string[];
  /** What `GET /app/installations` lists (none unless a test adds some). */
  readonly installations: Array<{ id: number; contents: "read" | "write" }>;
  /** What `GET /installation/repositories` lists: `owner/name` of every installed FakeRepository. */
  readonly installationRepositories: string[];
  /**
   * Sees every API request before its route does (after it is recorded and checked); an
   * answer it returns is sent instead of the route's (rate limits, outages).
   */
  intercept(handler: ((request: RecordedRequest) => FakeResponse | undefined) | undefined): void;
  /** The handler the route (as written) currently has, if any. */
  handlerOf(route: string): FakeHandler | undefined;
  /** Adds (or, for the same template, replaces) a route; later routes win ties. */
  route(route: string, handler: FakeHandler, options?: { validateResponse?: boolean }): FakeGitHub;
  /** Serves `bytes` at a fresh non-API path and returns its absolute URL, e.g. for a 302 `location`. */
  blob(bytes: Buffer | Uint8Array, contentType?: string): string;
  requestsTo(route: string): RecordedRequest[];
  /** Resolves with the first request matching a route or predicate; rejects after `timeoutMs` listing what came. */
  waitFor(
    match: string | ((request: RecordedRequest) => boolean),
    timeoutMs?: number,
  ): Promise<RecordedRequest>;
  close(): Promise<void>;
}

interface RouteEntry {
  method: string;
  template: PathTemplate;
  route: string;
  handler: FakeHandler;
  validate: boolean;
}

const API_PREFIX = "/api/v3";
const BLOB_PREFIX = "/_fake-github/blobs/";

/** Starts the fake on a free port of 127.0.0.1; it does not keep the process alive if a test forgets close(). */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const routes: RouteEntry[] = [];
  const blobs = new Map<string, { bytes: Buffer; contentType: string }>();
  const requests: RecordedRequest[] = [];
  const problems: string[] = [];
  let interceptor: ((request: RecordedRequest) => FakeResponse | undefined) | undefined;
  const description = options.description ?? defaultDescription(`http://127.0.0.1${API_PREFIX}`);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      problems.push(`fake GitHub crashed on ${req.method} ${req.url}: ${String(error)}`);
      if (!res.headersSent) send(res, { status: 500, body: githubError(500, "fake GitHub crashed") });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const method = (req.method ?? "GET").toUpperCase();
    const split = splitPathAndQuery(req.url ?? "/");
    const blob = split.path.startsWith(BLOB_PREFIX) ? blobs.get(split.path) : undefined;
    if (blob)
      return send(res, { status: 200, body: blob.bytes, headers: { "content-type": blob.contentType } });

    const path = stripBasePath(split.path, API_PREFIX);
    const headers = req.headers as Record<string, string | string[] | undefined>;
    const body = parseBody(
      rawBody.length ? rawBody.toString("utf8") : undefined,
      req.headers["content-type"],
    );
    const underApi = path !== split.path;
    const check = underApi
      ? checkRequest({ method, path, query: split.query, body, headers }, { description })
      : { problems: [`not under ${API_PREFIX}: ${method} ${split.path}`] };
    const recorded: RecordedRequest = {
      method,
      path: underApi ? path : split.path,
      query: split.query,
      body,
      headers,
      params: ("params" in check && check.params) || {},
      openApiProblems: check.problems,
      ...("operationId" in check && check.operationId !== undefined
        ? { operationId: check.operationId }
        : {}),
      ...("template" in check && check.template !== undefined ? { template: check.template } : {}),
    };
    requests.push(recorded);
    problems.push(
      ...check.problems.map(
        (p) => `${describeRequest(recorded)} does not match GitHub's OpenAPI description: ${p}`,
      ),
    );

    const intercepted = underApi ? interceptor?.(recorded) : undefined;
    if (intercepted) return send(res, intercepted);
    const found = underApi ? findRoute(method, path) : undefined;
    if (!found) {
      problems.push(`unexpected request: ${describeRequest(recorded)}`);
      return send(res, { status: 404, body: githubError(404, "Not Found") });
    }
    const { entry, params } = found;
    let response: FakeResponse;
    try {
      response = await entry.handler({ method, path, params, query: split.query, body, rawBody, headers });
    } catch (error) {
      problems.push(`handler for ${entry.route} threw on ${describeRequest(recorded)}: ${String(error)}`);
      return send(res, { status: 500, body: githubError(500, "handler threw") });
    }
    if (entry.validate && !Buffer.isBuffer(response.body) && !(response.body instanceof Uint8Array)) {
      const result = checkResponse(
        { method, path, status: response.status, body: response.body },
        { description },
      );
      problems.push(...result.problems.map((p) => `response to ${describeRequest(recorded)}: ${p}`));
    }
    send(res, response);
  }

  function findRoute(
    method: string,
    path: string,
  ): { entry: RouteEntry; params: Record<string, string> } | undefined {
    let best: { entry: RouteEntry; params: Record<string, string> } | undefined;
    for (let i = routes.length - 1; i >= 0; i--) {
      const entry = routes[i] as RouteEntry;
      if (entry.method !== method) continue;
      const params = matchPathTemplate(entry.template, path);
      if (!params) continue;
      // Latest first, replaced only by a strictly more specific template: later routes win ties.
      const other = best?.entry.template;
      if (
        !other ||
        (moreSpecific(entry.template, other) === entry.template &&
          moreSpecific(other, entry.template) !== other)
      ) {
        best = { entry, params };
      }
    }
    return best;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  server.unref();
  const port = (server.address() as AddressInfo).port;
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}`;

  const fake: FakeGitHub = {
    url,
    apiUrl: `${url}${API_PREFIX}`,
    host,
    port,
    env: { GHE_HOST: host, GHE_PROTOCOL: "http" },
    requests,
    problems,
    installations: [],
    installationRepositories: [],
    intercept(handler) {
      interceptor = handler;
    },
    handlerOf(route) {
      return routes.filter((entry) => entry.route === route).at(-1)?.handler;
    },
    route(route, handler, routeOptions = {}) {
      const { method, template } = parseRoute(route);
      const known = checkRequest({ method, path: template }, { description });
      if (known.operationId === undefined)
        throw new Error(`fakeGitHub.route(${JSON.stringify(route)}): ${known.problems[0]}`);
      const validate = routeOptions.validateResponse ?? options.validateResponses ?? true;
      routes.push({ method, template: compilePathTemplate(template), route, handler, validate });
      return fake;
    },
    blob(bytes, contentType = "application/zip") {
      const path = `${BLOB_PREFIX}${blobs.size + 1}`;
      blobs.set(path, { bytes: Buffer.from(bytes), contentType });
      return `${url}${path}`;
    },
    requestsTo(route) {
      const { method, template } = parseRoute(route);
      const compiled = compilePathTemplate(template);
      return requests.filter((r) => r.method === method && matchPathTemplate(compiled, r.path) !== undefined);
    },
    async waitFor(match, timeoutMs = 10_000) {
      const test = typeof match === "string" ? routePredicate(match) : match;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = requests.find((r) => test(r));
        if (found) return found;
        if (Date.now() >= deadline) {
          const seen = requests.map((r) => `  ${describeRequest(r)}`).join("\n") || "  (none)";
          throw new Error(
            `fake GitHub: no request matching ${typeof match === "string" ? match : "the predicate"} within ${timeoutMs} ms; requests so far:\n${seen}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  function routePredicate(route: string): (r: RecordedRequest) => boolean {
    const { method, template } = parseRoute(route);
    const compiled = compilePathTemplate(template);
    return (r) => r.method === method && matchPathTemplate(compiled, r.path) !== undefined;
  }

  fake.route("POST /app/installations/{installation_id}/access_tokens", () => ({
    status: 201,
    body: installationTokenBody(),
  }));
  const installationExample = responseExample({
    method: "GET",
    path: "/app/installations",
    status: 200,
  }) as Array<Record<string, unknown>>;
  fake.route("GET /app/installations", () => ({
    status: 200,
    body: fake.installations.map((i) => ({
      ...installationExample[0],
      id: i.id,
      permissions: { contents: i.contents, metadata: "read" },
    })),
  }));
  const repositoryExample = (
    responseExample({ method: "GET", path: "/installation/repositories", status: 200 }) as {
      repositories: Array<Record<string, unknown>>;
    }
  ).repositories[0];
  fake.route("GET /installation/repositories", (req) => {
    const perPage = Number(req.query.per_page ?? 30);
    const page = Number(req.query.page ?? 1);
    const all = fake.installationRepositories;
    const slice = all.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    return {
      status: 200,
      headers:
        page < last
          ? {
              link: `<${fake.apiUrl}/installation/repositories?per_page=${perPage}&page=${page + 1}>; rel="next"`,
            }
          : {},
      body: {
        total_count: all.length,
        repositories: slice.map((fullName) => ({
          ...repositoryExample,
          name: fullName.split("/")[1],
          full_name: fullName,
          owner: { ...(repositoryExample?.owner as object), login: fullName.split("/")[0] },
        })),
      },
    };
  });
  return fake;
}

/**
 * The fake seen by one repository's routes: a route it adds answers the requests `mine`
 * accepts and hands the others to the handler the route had before, so several fake
 * repositories can live on one server.
 */
export function scopeRoutes(gh: FakeGitHub, mine: (request: FakeRequest) => boolean): FakeGitHub {
  const scoped: FakeGitHub = {
    ...gh,
    route(route, handler, options) {
      const previous = gh.handlerOf(route);
      gh.route(route, (req) => (mine(req) || !previous ? handler(req) : previous(req)), options);
      return scoped;
    },
  };
  return scoped;
}
