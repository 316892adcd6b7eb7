import { STATUS_CODES } from "node:http";
import { Readable } from "node:stream";
import { RegistryError, type RegistryEndpoint, type RegistryStep } from "../../ports/image-registry.js";
import { abortableSleep } from "./abortable-sleep.js";
import { backoffDelay } from "./backoff-delay.js";
import { parseChallenge, type AuthChallenge } from "./parse-challenge.js";
import type { RetryPolicy } from "./retry-policy.js";
import { streamRequest } from "./stream-request.js";
import { StreamedResponse } from "./streamed-response.js";

/** One request to a registry, described well enough to retry it and to explain its failure. */
export interface SessionRequest {
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** A path starting with `/v2/`, or an absolute URL the registry handed out (upload locations). */
  readonly url: string | URL;
  readonly repository: string;
  /** Token scopes the request needs, e.g. `repository:a/b:pull,push`. */
  readonly scopes: readonly string[];
  readonly step: RegistryStep;
  /** What is being done, ending with a preposition: "pushing blob sha256:ab12… to". */
  readonly doing: string;
  /** Statuses that are answers rather than failures (e.g. 404 for a HEAD that asks "is it there?"). */
  readonly accept: readonly number[];
  readonly headers?: Record<string, string>;
  /** A Node `Readable` goes out through `node:http` with backpressure (blob uploads); the rest through fetch. */
  readonly body?: string | Uint8Array | ReadableStream<Uint8Array> | Readable;
  /**
   * The answer is a blob: fetch it over `node:http` (following redirects) and resolve with a
   * `StreamedResponse` whose body is a Node stream, cheaper to pipe than fetch's web stream.
   */
  readonly streamAnswer?: boolean;
  /** Retry on 429/5xx/network errors. Streamed bodies cannot be replayed, so they say false. */
  readonly retry: boolean;
  readonly signal?: AbortSignal;
}

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

const TOKEN_MARGIN_MS = 10_000;

/**
 * A connection to one registry in one role (source or target): learns its auth challenge once, answers
 * Basic and Bearer challenges, caches tokens per scope until they expire, retries idempotent requests,
 * and turns every failure into a `RegistryError` that names host, repository and step. Credentials and
 * tokens only ever travel in `Authorization` headers; no message or error includes them.
 */
export class RegistrySession {
  readonly host: string;
  private readonly base: URL;
  private challenge: Promise<AuthChallenge | undefined> | undefined;
  private readonly tokens = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly endpoint: RegistryEndpoint,
    private readonly role: "source" | "target",
    private readonly retryPolicy: RetryPolicy,
  ) {
    this.base = new URL(endpoint.url.endsWith("/") ? endpoint.url : `${endpoint.url}/`);
    this.host = this.base.host;
  }

  /** Sends the request; resolves with a response whose status is in `accept` (its body not yet read). */
  async send(request: SessionRequest): Promise<Response> {
    const attempts = request.retry ? this.retryPolicy.attempts : 1;
    for (let attempt = 1; ; attempt++) {
      request.signal?.throwIfAborted();
      let response: Response;
      try {
        response = await this.sendAuthorized(request);
      } catch (error) {
        if (error instanceof RegistryError || request.signal?.aborted) throw error;
        if (attempt >= attempts) throw this.networkFailure(request, error);
        await abortableSleep(backoffDelay(this.retryPolicy, attempt), request.signal);
        continue;
      }
      if (request.accept.includes(response.status)) return response;
      const transient = response.status === 429 || response.status >= 500;
      if (!transient || attempt >= attempts) throw await this.failure(request, response);
      await response.body?.cancel();
      const wait = backoffDelay(this.retryPolicy, attempt, response.headers.get("retry-after"));
      await abortableSleep(wait, request.signal);
    }
  }

  /** "127.0.0.1:5000/pilot/component", as messages show it. */
  where(repository: string): string {
    return `${this.host}/${repository}`;
  }

  private async sendAuthorized(request: SessionRequest): Promise<Response> {
    const challenge = await this.learnChallenge(request);
    let response = await this.fetchWith(request, await this.authorization(challenge, request));
    // A 401 on a cached token (revoked, clock skew): fetch a fresh one once, if the body can be replayed.
    if (
      response.status === 401 &&
      challenge?.scheme === "bearer" &&
      !(request.body instanceof ReadableStream) &&
      !(request.body instanceof Readable)
    ) {
      await response.body?.cancel();
      this.tokens.delete(request.scopes.join(" "));
      response = await this.fetchWith(request, await this.authorization(challenge, request));
    }
    return response;
  }

  private fetchWith(request: SessionRequest, authorization: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { ...request.headers };
    if (authorization !== undefined) headers["authorization"] = authorization;
    const url = new URL(request.url, this.base);
    if (request.body instanceof Readable || request.streamAnswer === true)
      return streamRequest(url, {
        method: request.method,
        headers,
        ...(request.body instanceof Readable ? { body: request.body } : {}),
        ...(request.streamAnswer === true ? { streamAnswer: true } : {}),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
    const init: RequestInit & { duplex?: "half" } = { method: request.method, headers, redirect: "follow" };
    if (request.body !== undefined) init.body = request.body;
    if (request.body instanceof ReadableStream) init.duplex = "half";
    if (request.signal !== undefined) init.signal = request.signal;
    return fetch(url, init);
  }

  /** Probes `GET /v2/` once per session, as clients do, so that even streamed requests go out authorized. */
  private learnChallenge(request: SessionRequest): Promise<AuthChallenge | undefined> {
    this.challenge ??= (async () => {
      const init: RequestInit = request.signal === undefined ? {} : { signal: request.signal };
      const response = await fetch(new URL("/v2/", this.base), init);
      await response.body?.cancel();
      if (response.status !== 401) return undefined;
      return parseChallenge(response.headers.get("www-authenticate"));
    })();
    this.challenge.catch(() => (this.challenge = undefined));
    return this.challenge;
  }

  private async authorization(
    challenge: AuthChallenge | undefined,
    request: SessionRequest,
  ): Promise<string | undefined> {
    const credentials = this.endpoint.credentials;
    if (challenge === undefined) return undefined;
    if (challenge.scheme === "basic") {
      if (credentials === undefined) return undefined;
      return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
    }
    const key = request.scopes.join(" ");
    let cached = this.tokens.get(key);
    if (cached !== undefined) {
      const token = await cached.catch(() => undefined);
      if (token === undefined || token.expiresAt <= Date.now()) cached = undefined;
    }
    if (cached === undefined) {
      cached = this.fetchToken(challenge, request);
      this.tokens.set(key, cached);
      cached.catch(() => this.tokens.delete(key));
    }
    return `Bearer ${(await cached).token}`;
  }

  private async fetchToken(
    challenge: Extract<AuthChallenge, { scheme: "bearer" }>,
    request: SessionRequest,
  ): Promise<CachedToken> {
    const realm = new URL(challenge.realm, this.base);
    if (challenge.service !== undefined) realm.searchParams.set("service", challenge.service);
    for (const scope of request.scopes) realm.searchParams.append("scope", scope);
    const tokenRequest: SessionRequest = {
      method: "GET",
      url: realm,
      repository: request.repository,
      scopes: [],
      step: "authenticating",
      doing: `authenticating (token from ${realm.host}) for`,
      accept: [200],
      retry: true,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    };
    const credentials = this.endpoint.credentials;
    const headers: Record<string, string> = {};
    if (credentials !== undefined)
      headers["authorization"] =
        `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
    const started = Date.now();
    let response: Response | undefined;
    for (let attempt = 1; attempt <= this.retryPolicy.attempts; attempt++) {
      try {
        response = await fetch(realm, { headers, ...(request.signal ? { signal: request.signal } : {}) });
      } catch (error) {
        if (request.signal?.aborted || attempt >= this.retryPolicy.attempts)
          throw this.networkFailure(tokenRequest, error);
        await abortableSleep(backoffDelay(this.retryPolicy, attempt), request.signal);
        continue;
      }
      if (response.status !== 429 && response.status < 500) break;
      if (attempt < this.retryPolicy.attempts) {
        await response.body?.cancel();
        await abortableSleep(backoffDelay(this.retryPolicy, attempt), request.signal);
      }
    }
    if (response === undefined || response.status !== 200)
      throw await this.failure(tokenRequest, response ?? new Response(null, { status: 599 }));
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    const token = typeof body["token"] === "string" ? body["token"] : body["access_token"];
    if (typeof token !== "string" || token === "")
      throw new RegistryError(
        `${tokenRequest.doing} ${this.where(request.repository)}: the token server answered without a token`,
        { host: this.host, repository: request.repository, step: "authenticating", transient: false },
      );
    // The spec's default lifetime is 60 s; renew a little early so a request never carries an expired token.
    const seconds = typeof body["expires_in"] === "number" ? body["expires_in"] : 60;
    return { token, expiresAt: started + Math.max(seconds * 1000 - TOKEN_MARGIN_MS, 1000) };
  }

  private networkFailure(request: SessionRequest, error: unknown): RegistryError {
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : "";
    return new RegistryError(
      `${request.doing} ${this.where(request.repository)}: network error (${cause}) — is the registry reachable?`,
      { host: this.host, repository: request.repository, step: request.step, transient: true },
    );
  }

  private async failure(request: SessionRequest, response: Response): Promise<RegistryError> {
    if (response instanceof StreamedResponse) response.stream.destroy();
    const code = await registryErrorCode(response);
    const status = response.status;
    const reason = code ?? (STATUS_CODES[status] ?? "error").toLowerCase();
    return new RegistryError(
      `${request.doing} ${this.where(request.repository)}: ${status} ${reason} — ${this.hint(status)}`,
      {
        host: this.host,
        repository: request.repository,
        step: request.step,
        status,
        transient: status >= 500 || status === 429,
      },
    );
  }

  private hint(status: number): string {
    if (status === 401) return `check the ${this.role} credentials`;
    if (status === 403)
      return `the ${this.role} credentials are not allowed to ${this.role === "source" ? "pull from" : "push to"} this repository`;
    if (status === 404) return "check that the repository and reference exist";
    if (status === 429) return "the registry is rate limiting; try again later";
    if (status >= 500) return "the registry failed; try again later";
    return "the registry refused the request";
  }
}

/** The first `errors[].code` of a distribution error body, lowercased ("unauthorized", "blob_unknown"). */
async function registryErrorCode(response: Response): Promise<string | undefined> {
  try {
    const text = (await response.text()).slice(0, 65_536);
    const body = JSON.parse(text) as { errors?: Array<{ code?: unknown }> };
    const code = body.errors?.[0]?.code;
    return typeof code === "string" && /^[A-Z_]{1,64}$/.test(code)
      ? code.toLowerCase().replace(/_/g, " ")
      : undefined;
  } catch {
    return undefined;
  }
}
