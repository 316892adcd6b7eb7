import { RegistryError } from "../ports/image-registry.js";

/** What a failed step means: whether trying again can mend it, and what the people concerned read. */
export interface Failure {
  /** No retry can mend it (refused input, bad credentials, a 4xx): fail once, report once. */
  readonly permanent: boolean;
  /** What went wrong, one line, never a credential. */
  readonly message: string;
  /** What to do about it, for replies and the status issue. */
  readonly action: string;
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

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);
/** AWS error codes that say "later", besides a 5xx status or `$retryable`. */
const AWS_TRANSIENT =
  /Throttl|TooManyRequests|RequestLimitExceeded|ServiceUnavailable|InternalFailure|RequestTimeout|SlowDown/;

const RETRY_LATER = "it is tried again on its own; if it keeps failing, comment `/retry` later";

/**
 * The one place that decides what an error means to the job runner and to users: the
 * registry's and the cloud providers' own transient flags and codes, HTTP statuses of
 * GitHub's API, Node's network errors. Unknown errors count as transient, so a surprise is
 * retried with backoff (and given up after the last attempt) rather than dropped.
 */
export function classifyFailure(error: unknown): Failure {
  const message = describeError(error);
  if (error instanceof PermanentFailure)
    return { permanent: true, message, action: error.action ?? "fix the cause, then comment `/retry`" };
  if (error instanceof RegistryError) {
    const { status, step, transient } = error.details;
    if (transient) return { permanent: false, message, action: RETRY_LATER };
    const credentials = status === 401 || status === 403 || step === "authenticating";
    return {
      permanent: true,
      message,
      action: credentials
        ? "the registry refused the bot's credentials: an operator renews them (docs/operations.md, the CI registry), then a maintainer comments `/retry`"
        : "the image cannot be copied as it is: re-run the CI workflow so that it pushes the image again; the next passing build is promoted",
    };
  }
  const fields = (typeof error === "object" && error !== null ? error : {}) as {
    transient?: unknown;
    status?: unknown;
    code?: unknown;
    name?: unknown;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    httpStatus?: unknown;
  };
  if (typeof fields.transient === "boolean")
    return fields.transient
      ? { permanent: false, message, action: RETRY_LATER }
      : { permanent: true, message, action: "fix the cause, then comment `/retry`" };
  const status = [fields.status, fields.httpStatus, fields.$metadata?.httpStatusCode].find(
    (s): s is number => typeof s === "number",
  );
  const code =
    typeof fields.code === "string" ? fields.code : typeof fields.name === "string" ? fields.name : "";
  const transient =
    fields.$retryable !== undefined ||
    NETWORK_CODES.has(code) ||
    AWS_TRANSIENT.test(code) ||
    code === "AbortError" ||
    code === "TimeoutError" ||
    status === undefined ||
    status >= 500 ||
    status === 429 ||
    status === 408 ||
    (status === 403 && /rate limit/i.test(message));
  if (transient) return { permanent: false, message, action: RETRY_LATER };
  return {
    permanent: true,
    message,
    action:
      status === 401 || status === 403
        ? "the bot is not allowed to do this: an operator checks its permissions (docs/permissions.md, docs/registry.md), then a maintainer comments `/retry`"
        : "fix the cause, then comment `/retry`",
  };
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
