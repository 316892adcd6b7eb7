/**
 * Waits, before each write, until one more write keeps every window under its limit and no pause
 * holds. Implemented by `use-cases/write-pacer.ts` over the store; the GitHub adapter paces its
 * requests through it.
 */
export interface WritePacer {
  /** Waits for a write's turn and records it. */
  acquire(): Promise<void>;
  /**
   * Sends one request of the installation in its turn: no other request of this pacer is
   * in flight (GitHub asks integrations to send an installation's requests serially, and
   * jobs running side by side share the installation's pacer), every request first waits
   * out a pause, and a write first takes its place in the budgets (`acquire`). A rate-limit
   * answer's pause, recorded by `send` before it settles, holds every request after it.
   */
  send<T>(kind: "read" | "write", send: () => Promise<T>): Promise<T>;
  /** Pauses every write of this bucket for `ms` from now (GitHub said "retry after"). */
  pauseFor(ms: number): Promise<void>;
  /** Waits until no pause holds (for a read that GitHub asked to retry later). */
  waitWhilePaused(): Promise<void>;
}
