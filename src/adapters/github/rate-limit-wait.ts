/** When GitHub asks for no Retry-After, its docs say to wait at least a minute. */
export const DEFAULT_SECONDARY_WAIT_MS = 60_000;
/** Never wait longer than this on one answer (a primary limit resets within the hour). */
const MAX_WAIT_MS = 3_600_000;

/**
 * How long GitHub's answer asks to wait before the request is sent again, or undefined when
 * the error is not a rate limit. A secondary limit (403 or 429 with `retry-after`, or a
 * message saying "secondary rate limit") waits `retry-after` seconds, 60 when none is given;
 * a primary limit (`x-ratelimit-remaining: 0`) waits until `x-ratelimit-reset`.
 */
export function rateLimitWait(error: unknown, now: number): number | undefined {
  const e = (typeof error === "object" && error !== null ? error : {}) as {
    status?: unknown;
    message?: unknown;
    response?: { headers?: Record<string, string | number | undefined> };
  };
  if (e.status !== 403 && e.status !== 429) return undefined;
  const headers = e.response?.headers ?? {};
  const header = (name: string) => {
    const value = headers[name];
    return value === undefined ? undefined : String(value);
  };
  const retryAfter = Number(header("retry-after"));
  if (header("retry-after") !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0)
    return Math.min(MAX_WAIT_MS, Math.max(1_000, retryAfter * 1000));
  if (header("x-ratelimit-remaining") === "0") {
    const reset = Number(header("x-ratelimit-reset")) * 1000;
    if (Number.isFinite(reset)) return Math.min(MAX_WAIT_MS, Math.max(1_000, reset - now + 1_000));
  }
  const message = typeof e.message === "string" ? e.message : "";
  if (/secondary rate limit|abuse detection/i.test(message) || e.status === 429)
    return DEFAULT_SECONDARY_WAIT_MS;
  return undefined;
}
