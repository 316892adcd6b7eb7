/**
 * Acceptance: installing the app on 200 repositories opens 200 onboarding pull requests
 * without ever sending more than 80 content-creating requests in a minute. In process:
 * a real Probot with the app loaded, the event through `probot.receive`, the job queue
 * drained by the test, GitHub a strict OpenAPI-checked mock, time a fake clock that only
 * moves when the pacer waits.
 */
import { readEnv } from "../../src/config/env.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Probot } from "probot";
import { openSqliteStore } from "../../src/adapters/storage/open-sqlite-store.js";
import { createApp } from "../../src/app/create-app.js";
import type { Store } from "../../src/ports/store.js";
import type { JobRunner } from "../../src/use-cases/job-runner.js";
import { GITHUB_CONTENT_BUDGETS } from "../../src/use-cases/write-pacer.js";
import { testPrivateKey } from "../helpers/app-keys.js";
import { FakeClock, maxInWindow } from "../helpers/fake-clock.js";
import { FakeOrganisation } from "../helpers/fake-organisation.js";
import { githubMock, type GitHubMock } from "../helpers/github-mock.js";
import { TestProbotOctokit } from "../helpers/test-octokit.js";
import { deriveWebhook, exampleWebhook, probotEvent } from "../helpers/webhook-fixtures.js";

const OWNER = "sofie-iot";
const INSTALLATION_ID = 4242;
const NAMES = Array.from({ length: 200 }, (_, i) => `component-${String(i + 1).padStart(3, "0")}`);
const START = Date.parse("2026-11-25T12:00:00Z");

/** The event as GitHub sends it; `listed` repositories in its payload (the API lists all 200). */
const installationCreated = (listed = NAMES.length) =>
  deriveWebhook(exampleWebhook("installation", "created"), {
    installation: { id: INSTALLATION_ID, account: { login: OWNER }, permissions: { contents: "read" } },
    repositories: NAMES.slice(0, listed).map((name, i) => ({
      id: 1000 + i,
      node_id: `R_${1000 + i}`,
      name,
      full_name: `${OWNER}/${name}`,
      private: true,
    })),
  });

/** A fresh Probot process with the app loaded on `store`; resolves with its job runner. */
async function startApp(store: Store, clock: FakeClock): Promise<{ probot: Probot; runner: JobRunner }> {
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: "x",
    logLevel: "fatal",
    Octokit: TestProbotOctokit,
  });
  let runner: JobRunner | undefined;
  await probot.load(
    createApp({
      env: readEnv({ SOFIE_DATABASE: ":memory:", SOFIE_RUN_JOBS: "false" }),
      store,
      clock,
      onRunner: (r) => (runner = r),
    }),
    { cwd: process.cwd(), addHandler: () => undefined },
  );
  if (!runner) throw new Error("the app did not hand over its job runner");
  return { probot, runner };
}

/** Wraps a store so that its job queue hands out at most `limit` jobs: a process that stops half-way. */
function stopsAfter(store: Store, limit: number): Store {
  let claimed = 0;
  return {
    ...store,
    jobs: {
      ...store.jobs,
      claim: async (kinds, owner, now, leaseMs) => {
        if (claimed >= limit) return undefined;
        const job = await store.jobs.claim(kinds, owner, now, leaseMs);
        if (job) claimed++;
        return job;
      },
    },
  };
}

function expectOnePullPerRepository(org: FakeOrganisation): void {
  for (const repo of org.repositories.values()) {
    expect({ repo: repo.name, pulls: repo.pulls.length }).toEqual({ repo: repo.name, pulls: 1 });
    expect(repo.pulls[0]).toMatchObject({ head: "sofie/onboarding", base: "main", state: "open" });
  }
}

describe("installing on 200 repositories", () => {
  let gh: GitHubMock;
  let dir: string | undefined;
  afterEach(async () => {
    gh.done();
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("opens 200 onboarding pull requests, never more than 80 writes a minute nor 500 an hour", async () => {
    const clock = new FakeClock();
    const org = new FakeOrganisation(OWNER, NAMES, clock);
    gh = org.install(githubMock().installationToken({ installationId: INSTALLATION_ID }));
    const store = openSqliteStore(":memory:");
    const { probot, runner } = await startApp(store, clock);

    // The payload names 10 repositories; the API lists all 200, and all 200 are onboarded.
    await probot.receive(probotEvent("installation", installationCreated(10), "delivery-1"));
    expect(await store.jobs.pending()).toHaveLength(1);
    expect(gh.requests).toHaveLength(0); // the webhook only enqueues

    expect(await runner.drain()).toBe(201);
    expect(gh.requestsTo("GET /installation/repositories")).toHaveLength(2);
    expect(gh.requestsTo("POST /repos/{owner}/{repo}/pulls")).toHaveLength(200);
    expect(org.pulls()).toHaveLength(200);
    expectOnePullPerRepository(org);

    // four content-creating requests a repository: tree, commit, branch, pull request
    expect(org.writeTimes).toHaveLength(800);
    expect(maxInWindow(org.writeTimes, 60_000)).toBeLessThanOrEqual(GITHUB_CONTENT_BUDGETS[0]!.limit);
    expect(maxInWindow(org.writeTimes, 3_600_000)).toBeLessThanOrEqual(GITHUB_CONTENT_BUDGETS[1]!.limit);
    // pacing really happened: 500 writes in the first hour, the other 300 after it
    expect(clock.now().getTime() - START).toBeGreaterThanOrEqual(60 * 60_000);
    expect(clock.now().getTime() - START).toBeLessThan(70 * 60_000);
    expect(await store.jobs.pending()).toHaveLength(0);
    await store.close();
  }, 120_000);

  it("finishes the rest after a restart half-way, without a second pull request anywhere", async () => {
    dir = await mkdtemp(join(tmpdir(), "sofie-pacing-"));
    const file = join(dir, "sofie.sqlite");
    const clock = new FakeClock();
    const org = new FakeOrganisation(OWNER, NAMES, clock);
    gh = org.install(githubMock().installationToken({ installationId: INSTALLATION_ID }));
    // one repository's branch is created but its pull request fails: the crash window
    org.failPullCreation.add("component-050");

    const first = openSqliteStore(file);
    const before = await startApp(stopsAfter(first, 120), clock);
    await before.probot.receive(probotEvent("installation", installationCreated(), "delivery-1"));
    await before.runner.drain();
    // and the process dies with one more job claimed, half done
    expect(await first.jobs.claim(["onboard"], "dying-process", clock.now(), 30_000)).toBeDefined();
    const opened = org.pulls().length;
    expect(opened).toBeGreaterThan(100);
    expect(opened).toBeLessThan(200);
    expect(org.repositories.get("component-050")?.branches.has("sofie/onboarding")).toBe(true);
    await first.close();

    const second = openSqliteStore(file);
    const after = await startApp(second, clock);
    // GitHub redelivers the installation event to the new process: it enqueues nothing twice
    await after.probot.receive(probotEvent("installation", installationCreated(), "delivery-1"));
    clock.advance(60_000); // past the failed job's backoff and the dead process's lease
    await after.runner.drain();

    expect(await second.jobs.pending()).toHaveLength(0);
    expect(org.pulls()).toHaveLength(200);
    expectOnePullPerRepository(org);
    // the crashed repository's branch was moved, not created twice
    expect(gh.requestsTo("PATCH /repos/{owner}/{repo}/git/refs/{ref}").map((r) => r.params.repo)).toEqual([
      "component-050",
    ]);
    expect(maxInWindow(org.writeTimes, 60_000)).toBeLessThanOrEqual(GITHUB_CONTENT_BUDGETS[0]!.limit);
    await second.close();
  }, 120_000);

  it("waits out secondary limits: no write inside the window, the same request again, no extra tree", async () => {
    const clock = new FakeClock();
    const org = new FakeOrganisation(OWNER, NAMES.slice(0, 25), clock);
    org.secondaryLimit = { every: 13, retryAfter: 30 };
    gh = org.install(githubMock().installationToken({ installationId: INSTALLATION_ID }));
    const store = openSqliteStore(":memory:");
    const { probot, runner } = await startApp(store, clock);
    await probot.receive(probotEvent("installation", installationCreated(25), "delivery-1"));
    await runner.drain();

    expect(org.pulls()).toHaveLength(25);
    expectOnePullPerRepository(org);
    expect(org.limited.length).toBeGreaterThanOrEqual(7);
    expect(org.writesInsidePause).toEqual([]);
    // each limited request was sent again by itself: one tree a repository, plus the limited tree requests
    const limitedTrees = org.limited.filter((w) => w.endsWith("/git/trees")).length;
    expect(gh.requestsTo("POST /repos/{owner}/{repo}/git/trees")).toHaveLength(25 + limitedTrees);
    expect(await store.jobs.pending()).toHaveLength(0);
    await store.close();
  }, 120_000);

  it("waits 60 s when a secondary limit comes without retry-after", async () => {
    const clock = new FakeClock();
    const org = new FakeOrganisation(OWNER, NAMES.slice(0, 2), clock);
    org.secondaryLimit = { every: 3 };
    gh = org.install(githubMock().installationToken({ installationId: INSTALLATION_ID }));
    const store = openSqliteStore(":memory:");
    const { probot, runner } = await startApp(store, clock);
    await probot.receive(probotEvent("installation", installationCreated(2), "delivery-1"));
    await runner.drain();
    expect(org.pulls()).toHaveLength(2);
    expect(org.limited).toHaveLength(2);
    expect(org.writesInsidePause).toEqual([]);
    expect(clock.now().getTime() - START).toBeGreaterThanOrEqual(120_000);
    await store.close();
  }, 60_000);
});
