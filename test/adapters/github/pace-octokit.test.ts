import { Probot, ProbotOctokit } from "probot";
import { paceOctokit } from "../../../src/adapters/github/pace-octokit.js";
import type { WritePacer } from "../../../src/use-cases/write-pacer.js";
import { testPrivateKey } from "../../helpers/app-keys.js";
import { githubMock, type GitHubMock } from "../../helpers/github-mock.js";
import { responseExample } from "../../helpers/openapi.js";
import { testOctokit } from "../../helpers/test-octokit.js";

const repo = { owner: "sofie-iot", repo: "gw" };

/** A pacer that never waits and counts how often it was asked. */
class CountingPacer implements WritePacer {
  acquired = 0;
  async acquire(): Promise<void> {
    this.acquired++;
  }
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
    const octokit = paceOctokit(testOctokit(), { acquire: () => gate });
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
});
