import type { Clock } from "../../src/ports/clock.js";

/** A clock that only moves when someone sleeps on it (or the test advances it). */
export class FakeClock implements Clock {
  private current: number;
  constructor(start = "2026-11-25T12:00:00Z") {
    this.current = Date.parse(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  async sleep(ms: number): Promise<void> {
    this.current += ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** The largest number of timestamps that fall in any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}
