import {
  createGitHubIssueTracker,
  createGitHubTopicStore,
} from "../../../src/adapters/github/github-issue-tracker.js";
import { githubMock, type GitHubMock } from "../../helpers/github-mock.js";
import { responseExample } from "../../helpers/openapi.js";
import { testOctokit } from "../../helpers/test-octokit.js";

const repo = { owner: "sofie-iot", repo: "gw" };
const notFound = { message: "Not Found", documentation_url: "https://docs.github.com/rest" };
const example = (method: string, path: string, status: number) =>
  responseExample({ method, path, status }) as Record<string, unknown>;

function issue(patch: { number: number; title?: string; body?: string | null; labels?: unknown[] }) {
  const { pull_request: _pr, ...base } = example("GET", "/repos/o/r/issues/1", 200);
  return { ...base, state: "open", labels: [], ...patch };
}
function pullRequestIssue(number: number) {
  return {
    ...issue({ number }),
    pull_request: {
      url: "https://api.github.com/repos/o/r/pulls/1",
      html_url: "https://github.com/o/r/pull/1",
      diff_url: "https://github.com/o/r/pull/1.diff",
      patch_url: "https://github.com/o/r/pull/1.patch",
    },
  };
}
const label = (patch: object) => ({ ...example("GET", "/repos/o/r/labels/bug", 200), ...patch });

describe("createGitHubIssueTracker", () => {
  let gh: GitHubMock;
  afterEach(() => gh.done());

  it("finds issues with a label, open or closed, and leaves pull requests out", async () => {
    gh = githubMock().expect("GET /repos/{owner}/{repo}/issues", {
      query: { labels: "sofie-status", state: "all" },
      reply: [
        200,
        [
          issue({ number: 3, title: "SOFIE status", body: null, labels: ["sofie-status", { name: "x" }] }),
          pullRequestIssue(4),
        ],
      ],
    });
    expect(await createGitHubIssueTracker(testOctokit()).findIssuesWithLabel(repo, "sofie-status")).toEqual([
      { number: 3, title: "SOFIE status", body: "", state: "open", labels: ["sofie-status", "x"] },
    ]);
  });

  it("gets an issue; undefined when it is gone or is a pull request", async () => {
    gh = githubMock()
      .expect("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        params: { issue_number: "3" },
        reply: [200, issue({ number: 3, title: "t", body: "b", labels: [{ name: "l" }] })],
      })
      .expect("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        params: { issue_number: "4" },
        reply: [404, notFound],
      })
      .expect("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        params: { issue_number: "5" },
        reply: [200, pullRequestIssue(5)],
      })
      .expect("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        params: { issue_number: "6" },
        reply: [500, { message: "boom" }],
        validateReply: false,
      });
    const issues = createGitHubIssueTracker(testOctokit());
    expect(await issues.getIssue(repo, 3)).toEqual({
      number: 3,
      title: "t",
      body: "b",
      state: "open",
      labels: ["l"],
    });
    expect(await issues.getIssue(repo, 4)).toBeUndefined();
    expect(await issues.getIssue(repo, 5)).toBeUndefined();
    await expect(issues.getIssue(repo, 6)).rejects.toMatchObject({ status: 500 });
  });

  it("creates and updates an issue with its labels", async () => {
    gh = githubMock()
      .expect("POST /repos/{owner}/{repo}/issues", {
        bodyMatch: (body) => expect(body).toEqual({ title: "t", body: "b", labels: ["a", "b"] }),
        reply: [201, { ...example("POST", "/repos/o/r/issues", 201), number: 12 }],
      })
      .expect("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        params: { issue_number: "12" },
        bodyMatch: (body) => expect(body).toEqual({ title: "t2", body: "b2", labels: ["a"], state: "open" }),
        reply: [200, example("PATCH", "/repos/o/r/issues/12", 200)],
      });
    const issues = createGitHubIssueTracker(testOctokit());
    expect(await issues.createIssue(repo, { title: "t", body: "b", labels: ["a", "b"] })).toBe(12);
    await issues.updateIssue(repo, 12, { title: "t2", body: "b2", labels: ["a"], state: "open" });
  });

  it("creates a missing label", async () => {
    gh = githubMock()
      .expect("GET /repos/{owner}/{repo}/labels/{name}", {
        params: { name: "sofie-level-2" },
        reply: [404, notFound],
      })
      .expect("POST /repos/{owner}/{repo}/labels", {
        bodyMatch: (body) =>
          expect(body).toEqual({ name: "sofie-level-2", color: "0e8a16", description: "d" }),
        reply: [201, example("POST", "/repos/o/r/labels", 201)],
      });
    await createGitHubIssueTracker(testOctokit()).ensureLabel(repo, {
      name: "sofie-level-2",
      color: "0e8a16",
      description: "d",
    });
  });

  it("updates a label whose colour differs, and leaves an equal one alone", async () => {
    gh = githubMock()
      .expect("GET /repos/{owner}/{repo}/labels/{name}", {
        params: { name: "a" },
        reply: [200, label({ name: "a", color: "ffffff", description: "d" })],
      })
      .expect("PATCH /repos/{owner}/{repo}/labels/{name}", {
        params: { name: "a" },
        bodyMatch: (body) => expect(body).toEqual({ color: "0e8a16", description: "d" }),
        reply: [200, label({ name: "a", color: "0e8a16", description: "d" })],
      })
      .expect("GET /repos/{owner}/{repo}/labels/{name}", {
        params: { name: "b" },
        reply: [200, label({ name: "b", color: "0e8a16", description: "d" })],
      });
    const issues = createGitHubIssueTracker(testOctokit());
    await issues.ensureLabel(repo, { name: "a", color: "0e8a16", description: "d" });
    await issues.ensureLabel(repo, { name: "b", color: "0e8a16", description: "d" });
    expect(gh.requests.filter((r) => r.method !== "GET")).toHaveLength(1);
  });

  it("does not try to create a label when reading it failed for another reason", async () => {
    gh = githubMock().expect("GET /repos/{owner}/{repo}/labels/{name}", {
      reply: [500, { message: "boom" }],
      validateReply: false,
    });
    await expect(
      createGitHubIssueTracker(testOctokit()).ensureLabel(repo, {
        name: "a",
        color: "0e8a16",
        description: "",
      }),
    ).rejects.toMatchObject({ status: 500 });
  });

  it("comments, edits a comment and reacts to one", async () => {
    gh = githubMock()
      .expect("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        params: { issue_number: "3" },
        bodyMatch: (body) => expect(body).toEqual({ body: "hello" }),
        reply: [201, { ...example("POST", "/repos/o/r/issues/3/comments", 201), id: 77 }],
      })
      .expect("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
        params: { comment_id: "77" },
        bodyMatch: (body) => expect(body).toEqual({ body: "bye" }),
        reply: [200, example("PATCH", "/repos/o/r/issues/comments/77", 200)],
      })
      .expect("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
        params: { comment_id: "55" },
        bodyMatch: (body) => expect(body).toEqual({ content: "eyes" }),
        reply: [201, example("POST", "/repos/o/r/issues/comments/55/reactions", 201)],
      });
    const issues = createGitHubIssueTracker(testOctokit());
    expect(await issues.comment(repo, 3, "hello")).toBe(77);
    await issues.updateComment(repo, 77, "bye");
    await issues.react(repo, 55, "eyes");
  });
});

describe("createGitHubTopicStore", () => {
  let gh: GitHubMock;
  afterEach(() => gh.done());

  it("gets and replaces the topics", async () => {
    gh = githubMock()
      .expect("GET /repos/{owner}/{repo}/topics", { reply: [200, { names: ["iot", "sofie-level-1"] }] })
      .expect("PUT /repos/{owner}/{repo}/topics", {
        bodyMatch: (body) => expect(body).toEqual({ names: ["iot", "sofie-level-2"] }),
        reply: [200, { names: ["iot", "sofie-level-2"] }],
      });
    const topics = createGitHubTopicStore(testOctokit());
    expect(await topics.getTopics(repo)).toEqual(["iot", "sofie-level-1"]);
    await topics.setTopics(repo, ["iot", "sofie-level-2"]);
  });
});
