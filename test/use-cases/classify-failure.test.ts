import { RegistryError } from "../../src/ports/image-registry.js";
import { classifyFailure, PermanentFailure } from "../../src/use-cases/classify-failure.js";

const now = new Date("2026-11-25T12:00:00Z");
/** An error shaped like Octokit's RequestError. */
const octokitError = (status: number, message = "failed", headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { name: "HttpError", status, response: { headers } });
/** An error shaped like an AWS SDK v3 service exception. */
const awsError = (name: string, httpStatusCode: number, extra: object = {}) =>
  Object.assign(new Error(`${name}: no`), {
    name,
    $fault: "client",
    $metadata: { httpStatusCode },
    ...extra,
  });
const kind = (error: unknown) => (classifyFailure(error, now).permanent ? "permanent" : "transient");

describe("classifyFailure", () => {
  it("follows the registry's own transient flag", () => {
    const details = { host: "ci", repository: "x", step: "fetching manifest" as const };
    expect(kind(new RegistryError("429", { ...details, status: 429, transient: true }))).toBe("transient");
    const refused = classifyFailure(new RegistryError("401", { ...details, status: 401, transient: false }));
    expect(refused).toMatchObject({ permanent: true, action: expect.stringContaining("credentials") });
  });

  it("reads GitHub's statuses: 5xx, 408, 429 and rate limits are transient; 401, 403, 404, 422 are not", () => {
    for (const status of [500, 502, 503, 504, 408, 429])
      expect([status, kind(octokitError(status))]).toEqual([status, "transient"]);
    for (const status of [400, 401, 403, 404, 409, 422])
      expect([status, kind(octokitError(status))]).toEqual([status, "permanent"]);
    expect(kind(octokitError(403, "You have exceeded a secondary rate limit"))).toBe("transient");
    expect(kind(octokitError(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0" }))).toBe(
      "transient",
    );
    expect(classifyFailure(octokitError(403, "Resource not accessible by integration")).action).toMatch(
      /permissions/,
    );
  });

  it("reads the AWS SDK's flags, throttling names and status", () => {
    expect(kind(awsError("ThrottlingException", 400, { $retryable: { throttling: true } }))).toBe(
      "transient",
    );
    expect(kind(awsError("ThrottlingException", 400))).toBe("transient");
    expect(kind(awsError("TooManyRequestsException", 429))).toBe("transient");
    expect(kind(awsError("ServerException", 500, { $fault: "server" }))).toBe("transient");
    expect(kind(awsError("AccessDeniedException", 400))).toBe("permanent");
    expect(kind(awsError("RepositoryPolicyNotFoundException", 400))).toBe("permanent");
    // wrapped by an adapter that keeps the SDK error as its cause
    const wrapped = new Error("ECR CreateRepository failed", {
      cause: awsError("ThrottlingException", 400, { $retryable: { throttling: true } }),
    });
    expect(kind(wrapped)).toBe("transient");
  });

  it("counts Node's and undici's network errors as transient, also as a cause", () => {
    for (const code of [
      "ECONNRESET",
      "ETIMEDOUT",
      "ECONNREFUSED",
      "EAI_AGAIN",
      "UND_ERR_SOCKET",
      "UND_ERR_CONNECT_TIMEOUT",
    ])
      expect([code, kind(Object.assign(new Error(code), { code }))]).toEqual([code, "transient"]);
    const fetchFailed = new TypeError("fetch failed", {
      cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
    });
    expect(kind(fetchFailed)).toBe("transient");
  });

  it("takes a failure's own transient flag, and a PermanentFailure's action", () => {
    expect(kind(Object.assign(new Error("x"), { transient: false }))).toBe("permanent");
    expect(kind(Object.assign(new Error("x"), { transient: true, status: 404 }))).toBe("transient");
    expect(classifyFailure(new PermanentFailure("refused", "fix images.json"))).toEqual({
      permanent: true,
      message: "refused",
      action: "fix images.json",
    });
  });

  it("counts an unknown error as transient, so it is retried with backoff rather than dropped", () => {
    expect(kind(new Error("surprise"))).toBe("transient");
    expect(kind("a string")).toBe("transient");
    expect(kind(undefined)).toBe("transient");
  });

  it("gives the wait a failure asks for: retry-after in seconds or as a date, or a spent rate limit's reset", () => {
    expect(classifyFailure(octokitError(429, "slow down", { "retry-after": "90" }), now).retryAfterMs).toBe(
      90_000,
    );
    expect(
      classifyFailure(
        octokitError(503, "busy", { "retry-after": new Date(now.getTime() + 5_000).toUTCString() }),
        now,
      ).retryAfterMs,
    ).toBe(5_000);
    const reset = String(now.getTime() / 1000 + 600);
    expect(
      classifyFailure(
        octokitError(403, "API rate limit exceeded", {
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": reset,
        }),
        now,
      ).retryAfterMs,
    ).toBe(601_000);
    // capped at an hour; absent when the failure does not say
    expect(classifyFailure(octokitError(429, "x", { "retry-after": "86400" }), now).retryAfterMs).toBe(
      3_600_000,
    );
    expect(classifyFailure(octokitError(502), now)).not.toHaveProperty("retryAfterMs");
    // a permanent failure has none to give
    expect(classifyFailure(octokitError(404, "x", { "retry-after": "5" }), now)).not.toHaveProperty(
      "retryAfterMs",
    );
  });

  it("never throws, whatever was thrown", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("getter");
        },
      },
    );
    expect(classifyFailure(hostile)).toMatchObject({ permanent: false });
  });
});
