import type { Clock } from "../ports/clock.js";
import type { JobQueueStore } from "../ports/store.js";

export interface WritePacerOptions {
  /** Most writes in any window (GitHub's secondary limit: 80 content-creating requests a minute). */
  readonly limit: number;
  readonly windowMs: number;
  /** Name of the write log bucket. */
  readonly bucket: string;
}

export const GITHUB_CONTENT_LIMIT: WritePacerOptions = {
  limit: 80,
  windowMs: 60_000,
  bucket: "github-content",
};

/** Waits, before each write, until one more write keeps every window under the limit. */
export interface WritePacer {
  acquire(): Promise<void>;
}

/**
 * A sliding-window pacer whose log lives in the store, so a restart does not forget the
 * writes of the last minute. Acquisitions in one process are served one at a time, in
 * order.
 */
export function createWritePacer(
  log: Pick<JobQueueStore, "recordWrite" | "countWrites" | "oldestWrite">,
  clock: Clock,
  options: WritePacerOptions = GITHUB_CONTENT_LIMIT,
): WritePacer {
  let tail: Promise<void> = Promise.resolve();
  const acquireOne = async (): Promise<void> => {
    for (;;) {
      const now = clock.now();
      const since = new Date(now.getTime() - options.windowMs);
      if ((await log.countWrites(options.bucket, since)) < options.limit) {
        await log.recordWrite(options.bucket, now);
        return;
      }
      const oldest = await log.oldestWrite(options.bucket, since);
      const wait = oldest ? oldest.getTime() + options.windowMs - now.getTime() + 1 : options.windowMs;
      await clock.sleep(Math.max(1, wait));
    }
  };
  return {
    acquire() {
      const turn = tail.then(acquireOne);
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
