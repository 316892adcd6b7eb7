/**
 * Real webhook payloads from `@octokit/webhooks-examples`, variants derived from them, and a sender that
 * signs and POSTs them like GitHub does.
 *
 * @example
 * const payload = deriveWebhook(exampleWebhook("workflow_run", "completed", (p) => p.workflow_run.conclusion === "success"), {
 *   installation: { id: 2 },
 *   workflow_run: { path: ".github/workflows/sofie-ci.yml", conclusion: "failure" },
 * });
 * const status = await sendWebhook(`${appUrl}/api/github/webhooks`, { event: "workflow_run", payload, secret });
 */
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { WebhookEventMap, WebhookEventName } from "@octokit/webhooks-types";
import type { Probot } from "probot";

/** The argument of `probot.receive`. */
export type ProbotEvent = Parameters<Probot["receive"]>[0];

/**
 * Wraps a payload for `probot.receive`. The examples are typed by `@octokit/webhooks-types` while Probot uses
 * `@octokit/openapi-webhooks-types`; the shapes are the same JSON, so one cast lives here instead of in every test.
 */
export function probotEvent(name: string, payload: unknown, id = "test-delivery"): ProbotEvent {
  return { id, name, payload } as unknown as ProbotEvent;
}

interface Definition {
  name: string;
  actions: string[];
  examples: Record<string, unknown>[];
}

/** A patch for {@link deriveWebhook}: nested objects merge, anything else replaces, `undefined` deletes. */
export type WebhookPatch = { [key: string]: unknown };

let definitions: Definition[] | undefined;

function load(): Definition[] {
  if (!definitions) {
    const file = createRequire(import.meta.url).resolve("@octokit/webhooks-examples");
    definitions = JSON.parse(readFileSync(file, "utf8")) as Definition[];
  }
  return definitions;
}

/** Every example of an event (optionally of one action), deep-cloned. */
export function exampleWebhooks<E extends WebhookEventName>(event: E, action?: string): WebhookEventMap[E][] {
  const definition = load().find((d) => d.name === event);
  if (!definition) {
    throw new Error(
      `@octokit/webhooks-examples has no ${JSON.stringify(event)} event; it has: ${load()
        .map((d) => d.name)
        .join(", ")}`,
    );
  }
  const examples = definition.examples.filter((e) => action === undefined || e.action === action);
  return structuredClone(examples) as WebhookEventMap[E][];
}

/**
 * The first real example of `event` (and `action`) that `pick` accepts, deep-cloned so tests may mutate it.
 * Throws, listing what exists, when none fits.
 */
export function exampleWebhook<E extends WebhookEventName>(
  event: E,
  action?: string,
  pick?: (payload: WebhookEventMap[E]) => boolean,
): WebhookEventMap[E] {
  const candidates = exampleWebhooks(event, action);
  const found = candidates.find((p) => (pick ? pick(p) : true));
  if (!found) {
    const actions = [
      ...new Set(exampleWebhooks(event).map((e) => String((e as { action?: unknown }).action))),
    ];
    throw new Error(
      `no ${event}${action ? `.${action}` : ""} example${pick ? " accepted by pick()" : ""} ` +
        `(${candidates.length} candidate(s); actions with examples: ${actions.join(", ")})`,
    );
  }
  return found;
}

/** Returns a new payload: `base` deep-merged with `patch` (objects merge, arrays and scalars replace, `undefined` deletes). */
export function deriveWebhook<T>(base: T, patch: WebhookPatch): T {
  return merge(structuredClone(base), patch) as T;
}

function merge(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch) || !isPlainObject(target)) return structuredClone(patch);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete target[key];
    else target[key] = merge(target[key], value);
  }
  return target;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The `X-Hub-Signature-256` value GitHub would send for this exact body. */
export function signWebhook(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** What {@link sendWebhook} sends. */
export interface SendWebhookOptions {
  event: string;
  payload: unknown;
  secret: string;
  deliveryId?: string;
  /** Extra or overriding headers, e.g. a forged signature. */
  headers?: Record<string, string>;
}

/** POSTs a signed webhook like GitHub does and returns the HTTP status (the body is read and discarded). */
export async function sendWebhook(url: string, options: SendWebhookOptions): Promise<number> {
  const body = JSON.stringify(options.payload);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/test",
      "x-github-event": options.event,
      "x-github-delivery": options.deliveryId ?? randomUUID(),
      "x-hub-signature-256": signWebhook(body, options.secret),
      ...options.headers,
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}
