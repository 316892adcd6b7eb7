import { Probot, ProbotOctokit } from "probot";
import { paceOctokit } from "../../../src/adapters/github/pace-octokit.js";
import type { WritePacer } from "../../../src/ports/write-pacer.js";
import { testPrivateKey } from "../../helpers/app-keys.js";
import { githubMock, type GitHubMock } from "../../helpers/github-mock.js";
import { responseExample } from "../../helpers/openapi.js";
import { testOctokit } from "../../helpers/test-octokit.js";
import { openSqliteStore } from "../../../src/adapters/storage/open-sqlite-store.js";
import { rateLimitWait } from "../../../src/adapters/github/rate-limit-wait.js";
import { createWritePacer, GITHUB_CONTENT_BUDGETS } from "../../../src/use-cases/write-pacer.js";
import { FakeClock } from "../../helpers/fake-clock.js";
import { githubError } from "../../helpers/github-defaults.js";

const repo = { owner: "sofie-iot", repo: "gw" };

/** A pacer that never waits and counts how often it was asked. */
class CountingPacer implements WritePacer {
  acquired = 0;
  async acquire(): Promise<void> {
    this.acquired++;
  }
  async send<T>(kind: "read" | "write", send: () => Promise<T>): Promise<T> {
    if (kind === "write") await this.acquire();
    return send();
  }
  async pauseFor(): Promise<void> {}
  async waitWhilePaused(): Promise<void> {}
}

const labelReply = (status: number) =>
  [status, responseExample({ method: "POST", path: "/repos/o/r/labels", status: 201 })] as const;

describe("paceOctokit", () => {
  let gh: GitHubMock;
  afterEach(() => gh.done());

  it("paces writes and lets reads through", async () => {
    gh = githubMock()
      .expect("GET /repos/{owner}/{repo}/topics", { reply: [200, { names: [] }], times: 2 })
      .expect("POST /repos/{owner}/{repo}/labels", { reply: labelReply(201) })
      .expect("PUT /repos/{owner}/{repo}/topics", { reply: [200, { names: ["a"] }] });
    const pacer = new CountingPacer();
    const octokit = paceOctokit(testOctokit(), pacer);
    await octokit.rest.repos.getAllTopics(repo);
    await octokit.request("GET /repos/{owner}/{repo}/topics", repo);
    expect(pacer.acquired).toBe(0);
    await octokit.rest.issues.createLabel({ ...repo, name: "x", color: "ffffff" });
    expect(pacer.acquired).toBe(1);
    await octokit.rest.repos.replaceAllTopics({ ...repo, names: ["a"] });
    expect(pacer.acquired).toBe(2);
  });

  it("waits for the pacer before the write is sent", async () => {
    gh = githubMock().expect("POST /repos/{owner}/{repo}/labels", { reply: labelReply(201) });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const octokit = paceOctokit(testOctokit(), {
      acquire: () => gate,
      send: async (kind, send) => (kind === "write" ? gate.then(send) : send()),
      pauseFor: async () => undefined,
      waitWhilePaused: async () => undefined,
    });
    const write = octokit.rest.issues.createLabel({ ...repo, name: "x", color: "ffffff" });
    await new Promise((resolve) => setImmediate(resolve));
    expect(gh.requests).toHaveLength(0);
    release();
    await write;
    expect(gh.requests).toHaveLength(1);
  });

  it("does not pace an installation token exchange, whichever way it is sent", async () => {
    gh = githubMock()
      .installationToken({ installationId: 5 })
      .expect("GET /repos/{owner}/{repo}/topics", { reply: [200, { names: [] }] });
    const pacer = new CountingPacer();
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey(),
      logLevel: "fatal",
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    });
    // through Probot's app authentication (the token comes before the first request)
    const installation = paceOctokit(await probot.auth(5), pacer);
    await installation.rest.repos.getAllTopics(repo);
    // and as a request of a paced client itself
    const app = paceOctokit(testOctokit(), pacer);
    await app.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: 5 });
    expect(gh.requestsTo("POST /app/installations/{installation_id}/access_tokens")).toHaveLength(2);
    expect(pacer.acquired).toBe(0);
  });

  it("waits out a secondary limit: pauses every write until retry-after, then sends the same request again", async () => {
    const clock = new FakeClock();
    const store = openSqliteStore(":memory:");
    const pacer = createWritePacer(store.writes, clock, { budgets: GITHUB_CONTENT_BUDGETS, bucket: "i-1" });
    const sent: Array<{ name: string; at: number }> = [];
    let limited = false;
    gh = githubMock().expect("POST /repos/{owner}/{repo}/labels", {
      times: 3,
      reply: (req) => {
        const name = (req.body as { name: string }).name;
        sent.push({ name, at: clock.now().getTime() });
        if (name === "first" && !limited) {
          limited = true;
          return [
            403,
            githubError(403, "You have exceeded a secondary rate limit."),
            { "retry-after": "30" },
          ];
        }
        return labelReply(201);
      },
    });
    const octokit = paceOctokit(testOctokit(), pacer);
    const start = clock.now().getTime();
    await octokit.rest.issues.createLabel({ ...repo, name: "first", color: "ffffff" });
    // another write of the same installation, after the answer: it waits out the pause too
    await octokit.rest.issues.createLabel({ ...repo, name: "second", color: "ffffff" });
    expect(sent.map((s) => [s.name, s.at - start])).toEqual([
      ["first", 0],
      ["first", 30_000],
      ["second", 30_000],
    ]);
    // the pause outlives the process: a new pacer on the same store honours it
    await pacer.pauseFor(10_000);
    const restarted = createWritePacer(store.writes, clock, {
      budgets: GITHUB_CONTENT_BUDGETS,
      bucket: "i-1",
    });
    await restarted.acquire();
    expect(clock.now().getTime() - start).toBe(40_000);
    await store.close();
  });

  it("waits 60 s when a secondary limit comes without retry-after, and until the reset for a primary limit", async () => {
    const now = Date.parse("2026-11-25T12:00:00Z");
    expect(rateLimitWait({ status: 403, message: "You have exceeded a secondary rate limit" }, now)).toBe(
      60_000,
    );
    expect(
      rateLimitWait(
        {
          status: 403,
          message: "API rate limit exceeded",
          response: {
            headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 120) },
          },
        },
        now,
      ),
    ).toBe(121_000);
    expect(
      rateLimitWait({ status: 403, message: "Resource not accessible by integration" }, now),
    ).toBeUndefined();
    expect(rateLimitWait({ status: 404 }, now)).toBeUndefined();
  });

  it("gives up after five waits and lets the failure through", async () => {
    const clock = new FakeClock();
    const store = openSqliteStore(":memory:");
    const pacer = createWritePacer(store.writes, clock);
    gh = githubMock().expect("POST /repos/{owner}/{repo}/labels", {
      times: 6,
      reply: [403, githubError(403, "You have exceeded a secondary rate limit."), { "retry-after": "5" }],
    });
    const octokit = paceOctokit(testOctokit(), pacer);
    await expect(
      octokit.rest.issues.createLabel({ ...repo, name: "x", color: "ffffff" }),
    ).rejects.toMatchObject({
      status: 403,
    });
    await store.close();
  });
});
