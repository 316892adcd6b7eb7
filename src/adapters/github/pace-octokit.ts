import type { WritePacer } from "../../ports/write-pacer.js";
import type { Octokit } from "./octokit.js";
import { rateLimitWait } from "./rate-limit-wait.js";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
// The hook sees the route template (`{installation_id}`), not the expanded URL; accept both.
const TOKEN_EXCHANGE = /\/app\/installations\/(?:\d+|\{installation_id\})\/access_tokens$/;
/** Rate-limit answers waited out for one request before its failure is let through. */
const MAX_WAITS = 5;

/**
 * Sends this Octokit's requests one at a time per installation, makes every write wait its
 * turn under GitHub's secondary limits on content-creating requests, and waits out
 * GitHub's rate-limit answers: a secondary or primary limit pauses every request of the
 * installation (the pacer's bucket) until the time GitHub gave, then the same request is
 * sent again, so the job that sent it goes on where it was (no new tree or commit). The
 * pause is recorded as soon as the answer arrives (below Probot's own throttling, which may
 * wait it out itself), so that the installation's other jobs, running side by side, wait
 * too. Token exchanges are not content and are neither paced nor paused.
 */
export function paceOctokit<T extends Octokit>(octokit: T, pacer: WritePacer): T {
  octokit.hook.wrap("request", async (request, options) => {
    if (TOKEN_EXCHANGE.test(options.url)) return request(options);
    const write = !READS.has(options.method.toUpperCase());
    const inner = options.request?.fetch ?? globalThis.fetch;
    const observed = { ...options, request: { ...options.request, fetch: pausingFetch(inner, pacer) } };
    for (let waits = 0; ; waits++) {
      let limited = false;
      const send = async () => {
        try {
          return await request(observed);
        } catch (error) {
          // GitHub's reset times are wall-clock; the pause itself runs on the pacer's clock.
          const wait = rateLimitWait(error, Date.now());
          if (wait === undefined || waits >= MAX_WAITS) throw error;
          limited = true;
          octokit.log.warn(
            `GitHub rate limit on ${options.method} ${options.url}: this installation's requests pause ${Math.ceil(wait / 1000)} s, then the request is sent again`,
          );
          // Recorded before the request's turn ends, so that no other request goes out inside the pause.
          await pacer.pauseFor(wait);
          throw error;
        }
      };
      try {
        return await pacer.send(write ? "write" : "read", send);
      } catch (error) {
        if (!limited) throw error;
      }
    }
  });
  return octokit;
}

/** A fetch that records the installation's pause the moment GitHub answers with a rate limit. */
function pausingFetch(inner: typeof fetch, pacer: WritePacer): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status === 403 || response.status === 429) {
      const message = await response
        .clone()
        .text()
        .catch(() => "");
      const headers = Object.fromEntries(response.headers.entries());
      const wait = rateLimitWait({ status: response.status, message, response: { headers } }, Date.now());
      if (wait !== undefined) await pacer.pauseFor(wait);
    }
    return response;
  };
}
