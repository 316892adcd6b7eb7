import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { testPrivateKey } from "../helpers/app-keys.js";
import {
  deriveWebhook,
  exampleWebhook,
  exampleWebhooks,
  sendWebhook,
  signWebhook,
} from "../helpers/webhook-fixtures.js";

describe("exampleWebhook", () => {
  it("returns a real payload of the event and action, deep-cloned", () => {
    const first = exampleWebhook("workflow_run", "completed", (p) => p.workflow_run.conclusion === "success");
    expect(first.action).toBe("completed");
    expect(first.workflow_run.conclusion).toBe("success");
    first.workflow_run.conclusion = "failure";
    expect(
      exampleWebhook("workflow_run", "completed", (p) => p.workflow_run.id === first.workflow_run.id)
        .workflow_run.conclusion,
    ).toBe("success");
    expect(exampleWebhooks("push").length).toBeGreaterThan(0);
  });

  it("says what exists when nothing fits", () => {
    expect(() => exampleWebhook("workflow_run", "exploded")).toThrow(
      /no workflow_run\.exploded example .*actions with examples: completed/,
    );
    expect(() => exampleWebhook("nope" as "push")).toThrow(/has no "nope" event; it has: .*workflow_run/);
  });
});

describe("deriveWebhook", () => {
  it("deep-merges a patch without touching the base: objects merge, arrays replace, undefined deletes", () => {
    const base = exampleWebhook("workflow_run", "completed", (p) => p.workflow_run.conclusion === "success");
    const derived = deriveWebhook(base, {
      installation: { id: 42, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI=" },
      repository: {
        name: "flexibility-gateway",
        full_name: "sofie-iot/flexibility-gateway",
        owner: { login: "sofie-iot" },
      },
      workflow_run: { path: ".github/workflows/sofie-ci.yml", conclusion: "failure", pull_requests: [] },
      sender: undefined,
    });
    expect(derived.installation?.id).toBe(42);
    expect(derived.repository.owner.login).toBe("sofie-iot");
    expect(derived.repository.owner.id).toBe(base.repository.owner.id);
    expect(derived.workflow_run).toMatchObject({
      path: ".github/workflows/sofie-ci.yml",
      conclusion: "failure",
      pull_requests: [],
    });
    expect(derived.workflow_run.head_sha).toBe(base.workflow_run.head_sha);
    expect("sender" in derived).toBe(false);
    expect(base.workflow_run.conclusion).toBe("success");
    expect("installation" in base).toBe(false);
  });
});

describe("signWebhook and sendWebhook", () => {
  let server: Server;
  let url: string;
  const received: string[] = [];

  beforeAll(async () => {
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey(),
      secret: "s3cret",
      logLevel: "fatal",
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    });
    const middleware = await createNodeMiddleware(
      (app) => {
        app.on("workflow_run.completed", (context) => {
          received.push(`${context.id} ${context.payload.workflow_run.path}`);
        });
      },
      { probot },
    );
    server = createServer((req, res) => void middleware(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("signs like GitHub (HMAC-SHA256 of the exact body)", () => {
    // Value from GitHub's docs: "Hello, World!" with secret "It's a Secret to Everybody".
    expect(signWebhook("Hello, World!", "It's a Secret to Everybody")).toBe(
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
  });

  it("delivers a signed payload that Probot accepts, and a forged one that it refuses", async () => {
    const payload = deriveWebhook(
      exampleWebhook("workflow_run", "completed", (p) => p.workflow_run.conclusion === "success"),
      {
        installation: { id: 42 },
        workflow_run: { path: ".github/workflows/sofie-ci.yml" },
      },
    );
    expect(
      await sendWebhook(url, { event: "workflow_run", payload, secret: "s3cret", deliveryId: "d-1" }),
    ).toBe(200);
    expect(received).toEqual(["d-1 .github/workflows/sofie-ci.yml"]);
    expect(await sendWebhook(url, { event: "workflow_run", payload, secret: "wrong" })).toBe(400);
    expect(received).toHaveLength(1);
  });
});
