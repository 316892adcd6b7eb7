import { RegistryError } from "../ports/image-registry.js";

/** What a failed step means: whether trying again can mend it, and what the people concerned read. */
export interface Failure {
  /** No retry can mend it (refused input, bad credentials, a 4xx): fail once, report once. */
  readonly permanent: boolean;
  /** What went wrong, one line, never a credential. */
  readonly message: string;
  /** What to do about it, for replies and the status issue. */
  readonly action: string;
  /** How long the failure itself asks to wait before the next try (e.g. GitHub's `retry-after`). */
  readonly retryAfterMs?: number;
}

/** A failure a use case knows no retry can mend (refused input). */
export class PermanentFailure extends Error {
  override name = "PermanentFailure";
  constructor(
    message: string,
    /** What to do about it; a generic hint when absent. */
    readonly action?: string,
  ) {
    super(message);
  }
}

/** Node's and undici's network errors: the connection, not the request, failed. */
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
]);
/** undici's errors that are programming errors, not the network's. */
const UNDICI_PERMANENT = new Set([
  "UND_ERR_INVALID_ARG",
  "UND_ERR_INVALID_RETURN_VALUE",
  "UND_ERR_NOT_SUPPORTED",
]);
/** AWS error names that say "later", besides a 5xx status, `$fault: "server"` or `$retryable`. */
const AWS_TRANSIENT =
  /Throttl|TooManyRequests|RequestLimitExceeded|ProvisionedThroughputExceeded|ServiceUnavailable|InternalFailure|InternalServerError|RequestTimeout|SlowDown|LimitExceededException|PriorRequestNotComplete|TransactionInProgress|EC2ThrottledException|BandwidthLimitExceeded/;
/** A failure's own "retry after" is followed up to this long; beyond it, backoff takes over again. */
const MAX_RETRY_AFTER_MS = 3_600_000;
/** How deep `cause` chains are followed (an SDK error wrapped by an adapter, a network error by fetch). */
const MAX_CAUSES = 5;

const RETRY_LATER = "it is tried again on its own; if it keeps failing, comment `/retry` later";
const FIX_AND_RETRY = "fix the cause, then comment `/retry`";

/** What an error (or one of its causes) says about itself, read once and safely. */
interface ErrorFacts {
  readonly transient: unknown;
  readonly status: number | undefined;
  readonly codes: readonly string[];
  readonly retryable: boolean;
}

/**
 * The one place that decides what an error means to the job runner and to users: the
 * registry's and the cloud providers' own transient flags and codes (`transient`, the AWS
 * SDK's `$retryable`, `$fault` and throttling names), HTTP statuses of GitHub's API
 * (5xx, 408 and 429 and rate limits are transient; 401, 403, 404, 422 and other 4xx are
 * not), Node's network errors, each also when it is the `cause` of what was thrown.
 * Unknown errors count as transient, so a surprise is retried with backoff (and given up
 * after the last attempt) rather than dropped. `now` dates a rate limit's reset time.
 */
export function classifyFailure(error: unknown, now?: Date): Failure {
  const message = describeError(error);
  if (error instanceof PermanentFailure)
    return { permanent: true, message, action: error.action ?? FIX_AND_RETRY };
  const retryAfter = retryAfterMs(error, now);
  const transient = (): Failure => ({
    permanent: false,
    message,
    action: RETRY_LATER,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
  });
  if (error instanceof RegistryError) {
    const { status, step, transient: again } = error.details;
    if (again) return transient();
    const credentials = status === 401 || status === 403 || step === "authenticating";
    return {
      permanent: true,
      message,
      action: credentials
        ? "the registry refused the bot's credentials: an operator renews them (docs/operations.md, the CI registry), then a maintainer comments `/retry`"
        : "the image cannot be copied as it is: re-run the CI workflow so that it pushes the image again; the next passing build is promoted",
    };
  }
  const chain = causes(error);
  const flagged = chain.find((e) => typeof e.transient === "boolean");
  if (flagged) return flagged.transient ? transient() : { permanent: true, message, action: FIX_AND_RETRY };
  if (chain.some(saysLater)) return transient();
  const status = chain.find((e) => e.status !== undefined)?.status;
  if (status === undefined || status >= 500 || status === 408 || status === 429) return transient();
  if (status === 403 && (/rate limit/i.test(message) || rateLimitExhausted(error))) return transient();
  if (status < 400) return transient();
  return {
    permanent: true,
    message,
    action:
      status === 401 || status === 403
        ? "the bot is not allowed to do this: an operator checks its permissions (docs/permissions.md, docs/registry.md), then a maintainer comments `/retry`"
        : FIX_AND_RETRY,
  };
}

/** The error and its causes, each read through getters that may throw. */
function causes(error: unknown): ErrorFacts[] {
  const chain: ErrorFacts[] = [];
  for (let e = error; typeof e === "object" && e !== null && chain.length < MAX_CAUSES;) {
    const read = (key: string): unknown => readSafely(() => (e as Record<string, unknown>)[key]);
    const metadata = read("$metadata");
    const status = [
      read("status"),
      read("httpStatus"),
      readSafely(() => (metadata as { httpStatusCode?: unknown } | undefined)?.httpStatusCode),
    ].find((s): s is number => typeof s === "number");
    chain.push({
      transient: read("transient"),
      status,
      codes: [read("code"), read("name")].filter((c): c is string => typeof c === "string"),
      retryable: read("$retryable") !== undefined || read("$fault") === "server",
    });
    e = read("cause");
  }
  return chain;
}

/** An error that says by its own code or flags that a later try may succeed. */
function saysLater(e: ErrorFacts): boolean {
  return (
    e.retryable ||
    e.codes.some(
      (code) =>
        NETWORK_CODES.has(code) ||
        AWS_TRANSIENT.test(code) ||
        (code.startsWith("UND_ERR_") && !UNDICI_PERMANENT.has(code)) ||
        code === "AbortError" ||
        code === "TimeoutError",
    )
  );
}

function headersOf(error: unknown): Record<string, unknown> {
  const headers = readSafely(() => (error as { response?: { headers?: unknown } } | null)?.response?.headers);
  return typeof headers === "object" && headers !== null ? (headers as Record<string, unknown>) : {};
}

function rateLimitExhausted(error: unknown): boolean {
  return String(headersOf(error)["x-ratelimit-remaining"]) === "0";
}

/**
 * How long the failure itself asks to wait (`retry-after` in seconds or as a date, or a
 * spent primary rate limit's `x-ratelimit-reset`), capped at an hour; undefined when it
 * does not say.
 */
function retryAfterMs(error: unknown, now: Date | undefined): number | undefined {
  const headers = headersOf(error);
  const raw = headers["retry-after"];
  let wait: number | undefined;
  if (raw !== undefined) {
    const seconds = Number(raw);
    if (Number.isFinite(seconds) && seconds >= 0) wait = seconds * 1000;
    else if (now) {
      const at = Date.parse(String(raw));
      if (Number.isFinite(at)) wait = at - now.getTime();
    }
  } else if (now && rateLimitExhausted(error)) {
    const reset = Number(headers["x-ratelimit-reset"]) * 1000;
    if (Number.isFinite(reset)) wait = reset - now.getTime() + 1_000;
  }
  return wait === undefined ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(1_000, wait));
}

/** A property read that may throw (a hostile getter) reads as undefined. */
function readSafely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** One line of an error's message, capped, whatever was thrown (even something whose `message` throws). */
export function describeError(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error);
  } catch {
    text = "an error that cannot be described";
  }
  const line = (text ?? "").replace(/\s+/g, " ").trim() || "an error without a message";
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}
