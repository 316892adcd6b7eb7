import type { RetryPolicy } from "./retry-policy.js";

/**
 * Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1): exponential with full jitter,
 * or the registry's `Retry-After` (seconds) when it sent one, both capped by the policy.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfter?: string | null): number {
  const seconds = retryAfter === null || retryAfter === undefined ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, policy.maxDelayMs);
  const ceiling = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
