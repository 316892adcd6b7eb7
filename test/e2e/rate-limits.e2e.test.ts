/**
 * GitHub's limits at organisation scale, checked from outside: the built app as a child process
 * is installed on six repositories of an organisation, against a fake GitHub Enterprise Server
 * that answers secondary limits (403 with retry-after, every few content-creating requests) and
 * a primary limit (403 with x-ratelimit-remaining: 0) as GitHub does, and records any request
 * that arrives inside a window it asked the app to wait out.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github-server.js";
import { FakeRepository } from "../helpers/fake-repository.js";
import { githubError } from "../helpers/github-defaults.js";
import { runApp, WEBHOOK_SECRET, type RunningApp } from "../helpers/run-app.js";
import { until } from "../helpers/until.js";
import { deriveWebhook, exampleWebhook, sendWebhook } from "../helpers/webhook-fixtures.js";

const OWNER = "sofie-iot";
const NAMES = ["gateway", "broker", "meter", "planner", "market", "weather"];
const DOCKERFILE = `FROM node:20-slim\nENV PORT=3000\nEXPOSE 3000\nCMD ["node", "index.js"]\n`;

describe("GitHub's rate limits at organisation scale, end to end", () => {
  let gh: FakeGitHub;
  let app: RunningApp;
  let dataDir: string;
  const repos: FakeRepository[] = [];
  /** Requests that arrived while GitHub had asked the app to wait. */
  const violations: string[] = [];
  const limited: string[] = [];

  beforeAll(async () => {
    gh = await startFakeGitHub();
    for (const name of NAMES) {
      const repo = new FakeRepository(OWNER, name).install(gh);
      repo.files.set("Dockerfile", DOCKERFILE);
      repo.files.set("package.json", JSON.stringify({ name, scripts: { test: "jest" } }));
      repos.push(repo);
    }
    let writes = 0;
    let secondaryEnds = 0;
    let primaryEnds = 0;
    let primaryDone = false;
    gh.intercept((req) => {
      if (req.path.endsWith("/access_tokens")) return undefined;
      const now = Date.now();
      const what = `${req.method} ${req.path}`;
      if (now < primaryEnds) violations.push(`${what} ${primaryEnds - now} ms before the primary reset`);
      if (req.method === "GET") {
        if (!primaryDone && /^\/repos\/[^/]+\/[^/]+$/.test(req.path) && limited.length > 0) {
          primaryDone = true;
          primaryEnds = now + 2_000;
          limited.push(what);
          return {
            status: 403,
            body: githubError(403, "API rate limit exceeded for installation ID 4242."),
            headers: {
              "x-ratelimit-limit": "5000",
              "x-ratelimit-remaining": "0",
              "x-ratelimit-reset": String(Math.ceil(primaryEnds / 1000)),
            },
          };
        }
        return undefined;
      }
      if (now < secondaryEnds) violations.push(`${what} ${secondaryEnds - now} ms inside a secondary window`);
      if (++writes % 7 === 0) {
        secondaryEnds = now + 3_000;
        limited.push(what);
        return {
          status: 403,
          body: githubError(
            403,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          ),
          headers: { "retry-after": "3" },
        };
      }
      return undefined;
    });
    dataDir = await mkdtemp(join(tmpdir(), "sofie-limits-"));
    app = await runApp(gh, { SOFIE_DATABASE: join(dataDir, "sofie.sqlite") });
  });

  afterAll(async () => {
    await app?.stop();
    await gh?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("onboards every repository the API lists, waiting out every limit, one pull request each", async () => {
    // The payload names two repositories; the API lists all six.
    const payload = deriveWebhook(exampleWebhook("installation", "created"), {
      installation: { id: 4242, account: { login: OWNER }, permissions: { contents: "read" } },
      repositories: NAMES.slice(0, 2).map((name, i) => ({
        id: i + 1,
        node_id: `R_${i + 1}`,
        name,
        full_name: `${OWNER}/${name}`,
        private: true,
      })),
    });
    expect(
      await sendWebhook(app.webhookUrl, { event: "installation", payload, secret: WEBHOOK_SECRET }),
    ).toBe(200);
    await until(
      () => repos.every((r) => r.pulls.length > 0),
      "an onboarding pull request in every repository",
      {
        timeoutMs: 150_000,
        context: () => `\nlimited: ${limited.join(", ")}\napp output:\n${app.output().slice(-3000)}`,
      },
    );

    expect(repos.map((r) => [r.repo, r.pulls.length])).toEqual(NAMES.map((name) => [name, 1]));
    expect(gh.requestsTo("GET /installation/repositories").length).toBeGreaterThan(0);
    expect(limited.filter((l) => !l.startsWith("GET")).length).toBeGreaterThanOrEqual(3);
    expect(limited.some((l) => l.startsWith("GET"))).toBe(true);
    expect(violations).toEqual([]);
    // Each limited request was sent again by itself, not by a re-run of its job: one tree a repository.
    const limitedTrees = limited.filter((l) => l.startsWith("POST") && l.endsWith("/git/trees")).length;
    expect(gh.requestsTo("POST /repos/{owner}/{repo}/git/trees")).toHaveLength(NAMES.length + limitedTrees);
    expect(app.output()).toContain("GitHub rate limit");
    expect(app.output()).not.toMatch(/job failed/);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(gh.problems).toEqual([]);
  }, 180_000);
});
