import type { WritePacer } from "../../use-cases/write-pacer.js";
import type { Octokit } from "./octokit.js";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
// The hook sees the route template (`{installation_id}`), not the expanded URL; accept both.
const TOKEN_EXCHANGE = /\/app\/installations\/(?:\d+|\{installation_id\})\/access_tokens$/;

/**
 * Makes every write this Octokit sends wait its turn under GitHub's secondary limit on
 * content-creating requests. Token exchanges are not content and are not paced.
 */
export function paceOctokit<T extends Octokit>(octokit: T, pacer: WritePacer): T {
  octokit.hook.before("request", async (options) => {
    if (READS.has(options.method.toUpperCase())) return;
    if (TOKEN_EXCHANGE.test(options.url)) return;
    await pacer.acquire();
  });
  return octokit;
}
