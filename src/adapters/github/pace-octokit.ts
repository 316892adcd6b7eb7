import type { WritePacer } from "../../ports/write-pacer.js";
import type { Octokit } from "./octokit.js";
import { rateLimitWait } from "./rate-limit-wait.js";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
// The hook sees the route template (`{installation_id}`), not the expanded URL; accept both.
const TOKEN_EXCHANGE = /\/app\/installations\/(?:\d+|\{installation_id\})\/access_tokens$/;
/** Rate-limit answers waited out for one request before its failure is let through. */
const MAX_WAITS = 5;

/**
 * Makes every write this Octokit sends wait its turn under GitHub's secondary limits on
 * content-creating requests, and waits out GitHub's rate-limit answers: a secondary or
 * primary limit pauses every write of the installation (the pacer's bucket) until the
 * time GitHub gave, then the same request is sent again, so the job that sent it goes on
 * where it was (no new tree or commit). Token exchanges are not content and are not paced.
 */
export function paceOctokit<T extends Octokit>(octokit: T, pacer: WritePacer): T {
  octokit.hook.wrap("request", async (request, options) => {
    const write = !READS.has(options.method.toUpperCase()) && !TOKEN_EXCHANGE.test(options.url);
    for (let waits = 0; ; waits++) {
      if (write) await pacer.acquire();
      else if (waits > 0) await pacer.waitWhilePaused();
      try {
        return await request(options);
      } catch (error) {
        // GitHub's reset times are wall-clock; the pause itself runs on the pacer's clock.
        const wait = rateLimitWait(error, Date.now());
        if (wait === undefined || waits >= MAX_WAITS) throw error;
        octokit.log.warn(
          `GitHub rate limit on ${options.method} ${options.url}: this installation's writes pause ${Math.ceil(wait / 1000)} s, then the request is sent again`,
        );
        await pacer.pauseFor(wait);
      }
    }
  });
  return octokit;
}
