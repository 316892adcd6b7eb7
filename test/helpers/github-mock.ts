/**
 * A strict, nock-based GitHub API mock for in-process tests (`probot.receive`, adapters with Octokit).
 * Every request to the base URL is recorded and checked against GitHub's OpenAPI description; `verify()`
 * fails on OpenAPI mismatches, unexpected requests and unused expectations, listing all of them at once.
 *
 * @example
 * const gh = githubMock();
 * gh.installationToken().expect("POST /repos/{owner}/{repo}/check-runs", {
 *   params: { owner: "o", repo: "r" },
 *   bodyMatch: (body) => expect(body).toMatchObject({ name: "sofie" }),
 *   reply: [201, responseExample({ method: "POST", path: "/repos/o/r/check-runs", status: 201 })],
 * });
 * await probot.receive(event);
 * gh.done(); // verify() then close()
 */
import nock from "nock";
import { checkRequest, checkResponse, type DescriptionName } from "./openapi.js";
import { defaultDescription, githubError, installationTokenBody } from "./github-defaults.js";
import { describeRequest, parseBody, type RecordedRequest } from "./recorded-request.js";
import {
  compilePathTemplate,
  matchPathTemplate,
  parseRoute,
  splitPathAndQuery,
  stripBasePath,
} from "./path-template.js";

/** `[status, body?, headers?]`, like nock's reply tuple. */
export type Reply = readonly [status: number, body?: unknown, headers?: Record<string, string>];

/** One expected request and its canned reply. */
export interface ExpectOptions {
  /** Path parameters that must be equal (decoded), e.g. `{ owner: "o", repo: "r" }`. */
  params?: Record<string, string>;
  /** Query parameters that must be equal (others are allowed). */
  query?: Record<string, string | string[]>;
  /** Extra condition on the body: `false` or a throw (e.g. a failed jest `expect`) means "not this one". */
  bodyMatch?: (body: unknown, request: RecordedRequest) => boolean | void;
  reply: Reply | ((request: RecordedRequest) => Reply | Promise<Reply>);
  /** How many requests this expectation answers; default 1. `Infinity` for any number. */
  times?: number;
  /** When true, verify() does not complain if it was never used. */
  optional?: boolean;
  /** Check the reply body against GitHub's response schema (default true). */
  validateReply?: boolean;
}

/** Options of {@link githubMock}. */
export interface GitHubMockOptions {
  /** Default `https://api.github.com`; a GHES URL like `https://ghe.example.com/api/v3` works too. */
  baseUrl?: string;
  /** Default `api.github.com`, or the newest `ghes-3.x` when the base URL ends in `/api/v3`. */
  description?: DescriptionName;
}

/** The handle a test gets from {@link githubMock}. */
export interface GitHubMock {
  readonly baseUrl: string;
  /** Every request that reached the base URL, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Requests matching a route such as `"POST /repos/{owner}/{repo}/check-runs"`. */
  requestsTo(route: string): RecordedRequest[];
  /** Adds an expectation; throws at once if the route or a static reply does not fit GitHub's description. */
  expect(route: string, options: ExpectOptions): GitHubMock;
  /** Answers `POST /app/installations/{installation_id}/access_tokens` any number of times (optional). */
  installationToken(options?: { installationId?: number; token?: string }): GitHubMock;
  /** Everything verify() would complain about, as readable lines. */
  problems(): string[];
  /** Throws one error listing every problem, unexpected request and unused expectation. */
  verify(): void;
  /** Removes the interceptors. */
  close(): void;
  /** verify(), then close() even when verify() throws. */
  done(): void;
}

interface Expectation {
  route: string;
  method: string;
  template: ReturnType<typeof compilePathTemplate>;
  options: ExpectOptions;
  used: number;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
// nock answers with the oldest matching interceptor, so a mock a test forgot to close would shadow the next one.
const openMocks = new Map<string, GitHubMock>();

/**
 * Creates a strict GitHub mock; network access other than 127.0.0.1/localhost is disabled.
 * A new mock for the same origin closes the previous one, so a forgotten close() cannot leak into the next test.
 */
export function githubMock(options: GitHubMockOptions = {}): GitHubMock {
  const baseUrl = (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, "");
  const url = new URL(baseUrl);
  const description = options.description ?? defaultDescription(baseUrl);
  const expectations: Expectation[] = [];
  const requests: RecordedRequest[] = [];
  const unexpected: string[] = [];
  const replyProblems: string[] = [];

  nock.disableNetConnect();
  nock.enableNetConnect((host: string) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));

  openMocks.get(url.origin)?.close();
  const scope = nock(url.origin).persist();
  const interceptors = METHODS.map((method) => scope.intercept(/.*/, method));
  for (const interceptor of interceptors) {
    interceptor.reply(function (
      this: { req: { method: string; headers: Record<string, string> } },
      uri,
      body,
    ) {
      return handle(this.req.method.toUpperCase(), uri, body, this.req.headers);
    });
  }

  async function handle(
    method: string,
    uri: string,
    rawBody: unknown,
    headers: Record<string, string>,
  ): Promise<Reply> {
    const split = splitPathAndQuery(uri);
    const path = stripBasePath(split.path, url.pathname);
    const body = typeof rawBody === "string" ? parseBody(rawBody, headers["content-type"]) : rawBody;
    const check = checkRequest({ method, path, query: split.query, body, headers }, { description });
    const request: RecordedRequest = {
      method,
      path,
      query: split.query,
      body,
      headers,
      params: check.params ?? {},
      openApiProblems: check.problems,
      ...(check.operationId === undefined ? {} : { operationId: check.operationId }),
      ...(check.template === undefined ? {} : { template: check.template }),
    };
    requests.push(request);
    const outside = path === split.path && url.pathname !== "/" && url.pathname !== "";
    const reasons: string[] = [];
    const expectation = outside ? undefined : expectations.find((e) => matches(e, request, reasons));
    if (!expectation) {
      unexpected.push(`${describeRequest(request)}${reasons.length ? ` (${reasons.join("; ")})` : ""}`);
      return [404, githubError(404, "Not Found")];
    }
    expectation.used++;
    const { reply } = expectation.options;
    const answer = typeof reply === "function" ? await reply(request) : reply;
    if (typeof reply === "function" && expectation.options.validateReply !== false) {
      const result = checkResponse({ method, path, status: answer[0], body: answer[1] }, { description });
      replyProblems.push(...result.problems.map((p) => `reply to ${describeRequest(request)}: ${p}`));
    }
    return answer;
  }

  const mock: GitHubMock = {
    baseUrl,
    requests,
    requestsTo(route) {
      const { method, template } = parseRoute(route);
      const compiled = compilePathTemplate(template);
      return requests.filter((r) => r.method === method && matchPathTemplate(compiled, r.path) !== undefined);
    },
    expect(route, expectOptions) {
      const { method, template } = parseRoute(route);
      const known = checkRequest({ method, path: template }, { description });
      if (known.operationId === undefined)
        throw new Error(`githubMock.expect(${JSON.stringify(route)}): ${known.problems[0]}`);
      const { reply } = expectOptions;
      if (typeof reply !== "function" && expectOptions.validateReply !== false) {
        const result = checkResponse(
          { method, path: template, status: reply[0], body: reply[1] },
          { description },
        );
        if (result.problems.length > 0) {
          throw new Error(
            `githubMock.expect(${JSON.stringify(route)}): the canned reply does not match GitHub's response schema ` +
              `(pass validateReply: false to allow it):\n  ${result.problems.join("\n  ")}`,
          );
        }
      }
      expectations.push({
        route,
        method,
        template: compilePathTemplate(template),
        options: expectOptions,
        used: 0,
      });
      return mock;
    },
    installationToken(tokenOptions = {}) {
      return mock.expect("POST /app/installations/{installation_id}/access_tokens", {
        ...(tokenOptions.installationId === undefined
          ? {}
          : { params: { installation_id: String(tokenOptions.installationId) } }),
        reply: () => [201, installationTokenBody(tokenOptions.token)],
        times: Infinity,
        optional: true,
      });
    },
    problems() {
      const lines: string[] = [];
      for (const r of requests) {
        for (const p of r.openApiProblems)
          lines.push(`${describeRequest(r)} does not match GitHub's OpenAPI description: ${p}`);
      }
      for (const u of unexpected) lines.push(`unexpected request: ${u}`);
      for (const e of expectations) {
        const wanted = e.options.times ?? 1;
        if (e.used === 0 && !e.options.optional) {
          lines.push(
            `expected request never made: ${e.route}${e.options.params ? ` ${JSON.stringify(e.options.params)}` : ""}`,
          );
        } else if (Number.isFinite(wanted) && e.used < wanted && !e.options.optional) {
          lines.push(`expected request made ${e.used} of ${wanted} times: ${e.route}`);
        }
      }
      lines.push(...replyProblems);
      return lines;
    },
    verify() {
      const lines = mock.problems();
      if (lines.length > 0)
        throw new Error(
          `GitHub mock (${baseUrl}) found ${lines.length} problem(s):\n- ${lines.join("\n- ")}`,
        );
    },
    close() {
      for (const interceptor of interceptors) nock.removeInterceptor(interceptor);
      if (openMocks.get(url.origin) === mock) openMocks.delete(url.origin);
    },
    done() {
      try {
        mock.verify();
      } finally {
        mock.close();
      }
    },
  };
  openMocks.set(url.origin, mock);
  return mock;
}

function matches(e: Expectation, request: RecordedRequest, reasons: string[]): boolean {
  if (e.method !== request.method) return false;
  const params = matchPathTemplate(e.template, request.path);
  if (!params) return false;
  if (e.used >= (e.options.times ?? 1)) {
    reasons.push(`${e.route} already used ${e.used} time(s)`);
    return false;
  }
  for (const [key, value] of Object.entries(e.options.params ?? {})) {
    if (params[key] !== value) return false;
  }
  for (const [key, value] of Object.entries(e.options.query ?? {})) {
    if (JSON.stringify(request.query[key]) !== JSON.stringify(value)) return false;
  }
  if (!e.options.bodyMatch) return true;
  try {
    return e.options.bodyMatch(request.body, request) !== false;
  } catch (error) {
    reasons.push(`${e.route} bodyMatch: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
