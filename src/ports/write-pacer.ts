/**
 * Waits, before each write, until one more write keeps every window under its limit and no pause
 * holds. Implemented by `use-cases/write-pacer.ts` over the store; the GitHub adapter paces its
 * requests through it.
 */
export interface WritePacer {
  /** Waits for a write's turn and records it. */
  acquire(): Promise<void>;
  /** Pauses every write of this bucket for `ms` from now (GitHub said "retry after"). */
  pauseFor(ms: number): Promise<void>;
  /** Waits until no pause holds (for a read that GitHub asked to retry later). */
  waitWhilePaused(): Promise<void>;
}
