import type { Context } from "probot";
import type { Clock } from "../ports/clock.js";
import type { DeliveryLog } from "../ports/store.js";

/** A claim older than this is taken to be from a process that died mid-way. */
const STALE_CLAIM_MS = 10 * 60_000;

/**
 * Wraps an event handler so that a webhook delivery (`X-GitHub-Delivery`) is handled once,
 * even when GitHub or a person redelivers it or the process restarts between the two.
 * A handler that throws releases its claim, so a redelivery can try again.
 */
export function handledOnce<C extends Context>(
  deliveries: DeliveryLog,
  clock: Clock,
  name: string,
  handler: (context: C) => Promise<void>,
): (context: C) => Promise<void> {
  return async (context) => {
    const key = `${context.id}:${name}`;
    if (!(await deliveries.claim(key, context.name, clock.now(), STALE_CLAIM_MS))) {
      context.log.info({ delivery: context.id, handler: name }, "delivery already handled; ignored");
      return;
    }
    try {
      await handler(context);
      await deliveries.complete(key, clock.now());
    } catch (error) {
      await deliveries.release(key);
      throw error;
    }
  };
}
