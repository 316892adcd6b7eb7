import type { Clock } from "../ports/clock.js";
import type { WriteLog } from "../ports/store.js";
import type { WritePacer } from "../ports/write-pacer.js";

/** At most `limit` writes in any window of `windowMs`. */
export interface WriteBudget {
  readonly limit: number;
  readonly windowMs: number;
}

export interface WritePacerOptions {
  /** Every budget holds at once (GitHub: 80 content-creating requests a minute and 500 an hour). */
  readonly budgets: readonly WriteBudget[];
  /** Name of the write log bucket (one per GitHub installation). */
  readonly bucket: string;
}

/** GitHub's documented secondary limits on content-creating requests. */
export const GITHUB_CONTENT_BUDGETS: readonly WriteBudget[] = [
  { limit: 80, windowMs: 60_000 },
  { limit: 500, windowMs: 3_600_000 },
];

export const GITHUB_CONTENT_LIMIT: WritePacerOptions = {
  budgets: GITHUB_CONTENT_BUDGETS,
  bucket: "github-content",
};

/**
 * A sliding-window pacer whose log lives in the store, so a restart does not forget the
 * writes of the last hour nor a pause GitHub asked for. Acquisitions in one process are
 * served one at a time, in order.
 */
export function createWritePacer(
  log: WriteLog,
  clock: Clock,
  options: WritePacerOptions = GITHUB_CONTENT_LIMIT,
): WritePacer {
  let tail: Promise<void> = Promise.resolve();
  const waitWhilePaused = async (): Promise<void> => {
    for (;;) {
      const until = await log.writesPausedUntil(options.bucket);
      const wait = until ? until.getTime() - clock.now().getTime() : 0;
      if (wait <= 0) return;
      await clock.sleep(wait);
    }
  };
  /** How long until one more write fits every budget; 0 when it fits now. */
  const waitForBudgets = async (now: Date): Promise<number> => {
    let wait = 0;
    for (const budget of options.budgets) {
      const since = new Date(now.getTime() - budget.windowMs);
      if ((await log.countWrites(options.bucket, since)) < budget.limit) continue;
      const oldest = await log.oldestWrite(options.bucket, since);
      wait = Math.max(
        wait,
        oldest ? oldest.getTime() + budget.windowMs - now.getTime() + 1 : budget.windowMs,
      );
    }
    return wait;
  };
  const acquireOne = async (): Promise<void> => {
    for (;;) {
      await waitWhilePaused();
      const now = clock.now();
      const wait = await waitForBudgets(now);
      if (wait === 0) {
        await log.recordWrite(options.bucket, now);
        return;
      }
      await clock.sleep(Math.max(1, wait));
    }
  };
  let inFlight: Promise<unknown> = Promise.resolve();
  const acquire = (): Promise<void> => {
    const turn = tail.then(acquireOne);
    tail = turn.catch(() => undefined);
    return turn;
  };
  return {
    acquire,
    send(kind, send) {
      const turn = inFlight.then(async () => {
        if (kind === "write") await acquire();
        else await waitWhilePaused();
        return send();
      });
      inFlight = turn.catch(() => undefined);
      return turn;
    },
    pauseFor: (ms) => log.pauseWrites(options.bucket, new Date(clock.now().getTime() + ms)),
    waitWhilePaused,
  };
}
