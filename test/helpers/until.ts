/**
 * Polls `probe` every 50 ms until it gives something other than undefined or false, and resolves
 * with it; rejects after `timeoutMs` with `what` and whatever `context()` adds (e.g. an app's output).
 */
export async function until<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  options: { timeoutMs?: number; context?: () => string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${options.context?.() ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
