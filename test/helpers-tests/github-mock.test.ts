import { Probot, ProbotOctokit } from "probot";
import { testPrivateKey } from "../helpers/app-keys.js";
import { githubMock, type GitHubMock } from "../helpers/github-mock.js";
import { responseExample } from "../helpers/openapi.js";
import { deriveWebhook, exampleWebhook, probotEvent } from "../helpers/webhook-fixtures.js";

const checkRunReply = () => responseExample({ method: "POST", path: "/repos/o/r/check-runs", status: 201 });

function octokit(baseUrl = "https://api.github.com") {
  return new ProbotOctokit({
    auth: { token: "t" },
    baseUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

describe("githubMock", () => {
  let gh: GitHubMock | undefined;
  afterEach(() => gh?.close());

  it("answers an expected, valid request and records it", async () => {
    gh = githubMock().expect("POST /repos/{owner}/{repo}/check-runs", {
      params: { owner: "o", repo: "r" },
      bodyMatch: (body) => expect(body).toMatchObject({ name: "sofie", head_sha: "abc" }),
      reply: [201, checkRunReply()],
    });
    const { data } = await octokit().rest.checks.create({
      owner: "o",
      repo: "r",
      name: "sofie",
      head_sha: "abc",
    });
    expect(data.name).toBe("mighty_readme");
    gh.verify();
    expect(gh.requestsTo("POST /repos/{owner}/{repo}/check-runs")).toHaveLength(1);
    expect(gh.requests[0]).toMatchObject({
      operationId: "checks/create",
      body: { name: "sofie", head_sha: "abc" },
    });
  });

  it("fails verify() on a request GitHub would reject", async () => {
    gh = githubMock().expect("POST /repos/{owner}/{repo}/check-runs", { reply: [201, checkRunReply()] });
    const untyped: string = "POST /repos/{owner}/{repo}/check-runs"; // lets us send what Octokit's types forbid
    await octokit().request(untyped, { owner: "o", repo: "r", name: "x", status: "bogus" });
    expect(() => gh?.verify()).toThrow(/request body: must have required property 'head_sha'/);
    expect(() => gh?.verify()).toThrow(/request body \/status: must be equal to one of the allowed values/);
  });

  it("lists unexpected and unused requests in one error", async () => {
    gh = githubMock().expect("GET /repos/{owner}/{repo}/topics", { reply: [200, { names: [] }] });
    await expect(
      octokit().request("GET /repos/{owner}/{repo}/labels", { owner: "o", repo: "r" }),
    ).rejects.toThrow(/Not Found/);
    let message = "";
    try {
      gh.verify();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("unexpected request: GET /repos/o/r/labels");
    expect(message).toContain("expected request never made: GET /repos/{owner}/{repo}/topics");
  });

  it("fails on a path GitHub does not have", async () => {
    gh = githubMock();
    await expect(octokit().request("POST /repos/x/y/foo")).rejects.toThrow();
    expect(gh.problems()).toEqual([
      "POST /repos/x/y/foo does not match GitHub's OpenAPI description: no such operation in GitHub's OpenAPI description (api.github.com): POST /repos/x/y/foo",
      "unexpected request: POST /repos/x/y/foo",
    ]);
  });

  it("refuses an expectation on a route GitHub does not have, or a canned reply of the wrong shape", () => {
    gh = githubMock();
    expect(() => gh?.expect("POST /repos/{owner}/{repo}/foo", { reply: [200, {}] })).toThrow(
      /no such operation/,
    );
    expect(() => gh?.expect("POST /repos/{owner}/{repo}/check-runs", { reply: [201, { id: 1 }] })).toThrow(
      /must have required property 'head_sha'/,
    );
    expect(() =>
      gh?.expect("POST /repos/{owner}/{repo}/check-runs", { reply: [201, { id: 1 }], validateReply: false }),
    ).not.toThrow();
  });

  it("validates replies computed by a function when they are sent", async () => {
    gh = githubMock().expect("GET /repos/{owner}/{repo}/topics", { reply: () => [200, { names: "x" }] });
    await octokit().request("GET /repos/{owner}/{repo}/topics", { owner: "o", repo: "r" });
    expect(gh.problems()).toEqual([
      'reply to GET /repos/o/r/topics: response 200 body /names: must be array, got "x"',
    ]);
  });

  it("counts times and reports a bodyMatch failure as the reason a request was unexpected", async () => {
    gh = githubMock().expect("PUT /repos/{owner}/{repo}/topics", {
      times: 2,
      bodyMatch: (body) => expect(body).toEqual({ names: ["sofie-level-1"] }),
      reply: [200, { names: ["sofie-level-1"] }],
    });
    await octokit().request("PUT /repos/{owner}/{repo}/topics", {
      owner: "o",
      repo: "r",
      names: ["sofie-level-1"],
    });
    await expect(
      octokit().request("PUT /repos/{owner}/{repo}/topics", { owner: "o", repo: "r", names: ["other"] }),
    ).rejects.toThrow();
    const problems = gh.problems();
    expect(problems[0]).toMatch(
      /^unexpected request: PUT \/repos\/o\/r\/topics \(PUT \/repos\/\{owner\}\/\{repo\}\/topics bodyMatch: /,
    );
    expect(problems[1]).toBe("expected request made 1 of 2 times: PUT /repos/{owner}/{repo}/topics");
  });

  it("works against a GitHub Enterprise Server base URL, stripping /api/v3", async () => {
    gh = githubMock({ baseUrl: "https://ghe.example.com/api/v3" }).expect(
      "GET /repos/{owner}/{repo}/contents/{path}",
      {
        params: { path: ".sofie/component.yml" },
        query: { ref: "main" },
        reply: [200, responseExample({ method: "GET", path: "/repos/o/r/contents/README.md", status: 200 })],
        validateReply: false, // the example is a directory listing; the schema is a oneOf of four shapes
      },
    );
    await octokit("https://ghe.example.com/api/v3").rest.repos.getContent({
      owner: "o",
      repo: "r",
      path: ".sofie/component.yml",
      ref: "main",
    });
    gh.verify();
    expect(gh.requests[0]).toMatchObject({
      path: "/repos/o/r/contents/.sofie%2Fcomponent.yml",
      params: { path: ".sofie/component.yml" },
    });
  });

  it("serves a Probot app in-process with an installation token", async () => {
    gh = githubMock()
      .installationToken({ installationId: 2 })
      .expect("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
        bodyMatch: (body) => expect(body).toEqual({ content: "eyes" }),
        reply: [
          201,
          responseExample({ method: "POST", path: "/repos/o/r/issues/comments/1/reactions", status: 201 }),
        ],
      });
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey(),
      logLevel: "fatal",
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    });
    probot.load((app) => {
      app.on("issue_comment.created", async (context) => {
        await context.octokit.rest.reactions.createForIssueComment(
          context.repo({ comment_id: context.payload.comment.id, content: "eyes" }),
        );
      });
    });
    const payload = deriveWebhook(exampleWebhook("issue_comment", "created"), { installation: { id: 2 } });
    await probot.receive(probotEvent("issue_comment", payload));
    gh.verify();
    expect(gh.requestsTo("POST /app/installations/{installation_id}/access_tokens")).toHaveLength(1);
  });
});
