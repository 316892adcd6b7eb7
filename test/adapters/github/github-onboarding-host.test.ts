import { createGitHubOnboardingHost } from "../../../src/adapters/github/github-onboarding-host.js";
import { githubMock, type GitHubMock } from "../../helpers/github-mock.js";
import { responseExample } from "../../helpers/openapi.js";
import { testOctokit } from "../../helpers/test-octokit.js";

const repo = { owner: "sofie-iot", repo: "gw" };
const SHA = "1111111111111111111111111111111111111111";
const notFound = { message: "Not Found", documentation_url: "https://docs.github.com/rest" };
const example = (method: string, path: string, status: number) =>
  responseExample({ method, path, status }) as Record<string, unknown>;

function repository(patch: object) {
  // GitHub's example is a fork; `source` and `parent` make it too deep to validate quickly.
  const { source: _s, parent: _p, ...base } = example("GET", "/repos/o/r", 200);
  return { ...base, language: "TypeScript", ...patch };
}
function branch(sha: string) {
  const base = example("GET", "/repos/o/r/branches/main", 200);
  return { ...base, commit: { ...(base.commit as object), sha } };
}
function pull(patch: {
  number: number;
  state: string;
  merged_at: string | null;
  body: string | null;
  sha: string;
}) {
  const base = example("GET", "/repos/o/r/pulls/1", 200);
  const { sha, ...rest } = patch;
  // The example's team lacks fields the schema requires.
  return {
    ...base,
    ...rest,
    requested_teams: [],
    head: { ...(base.head as object), ref: "sofie/onboarding", sha },
  };
}

describe("createGitHubOnboardingHost", () => {
  let gh: GitHubMock;
  afterEach(() => gh.done());

  it("reads the default branch, whether archived, and its head commit", async () => {
    gh = githubMock()
      .expect("GET /repos/{owner}/{repo}", {
        params: repo,
        reply: [200, repository({ default_branch: "develop", archived: true })],
      })
      .expect("GET /repos/{owner}/{repo}/branches/{branch}", {
        params: { branch: "develop" },
        reply: [200, branch(SHA)],
      });
    expect(await createGitHubOnboardingHost(testOctokit()).getRepository(repo)).toEqual({
      defaultBranch: "develop",
      archived: true,
      headSha: SHA,
    });
  });

  it.each([404, 409])("says an empty repository (branch %i) has no head commit", async (status) => {
    gh = githubMock()
      .expect("GET /repos/{owner}/{repo}", { reply: [200, repository({ default_branch: "main" })] })
      .expect("GET /repos/{owner}/{repo}/branches/{branch}", {
        params: { branch: "main" },
        reply: [status, { message: status === 409 ? "Git Repository is empty." : "Branch not found" }],
        validateReply: false,
      });
    expect(await createGitHubOnboardingHost(testOctokit()).getRepository(repo)).toMatchObject({
      headSha: null,
    });
  });

  it("says undefined for a repository that is gone, and throws on a server error", async () => {
    gh = githubMock()
      .expect("GET /repos/{owner}/{repo}", { reply: [404, notFound] })
      .expect("GET /repos/{owner}/{repo}", { reply: [500, { message: "boom" }], validateReply: false });
    const host = createGitHubOnboardingHost(testOctokit());
    expect(await host.getRepository(repo)).toBeUndefined();
    await expect(host.getRepository(repo)).rejects.toMatchObject({ status: 500 });
  });

  it("finds the newest pull request from the branch, in any state", async () => {
    gh = githubMock()
      .expect("GET /repos/{owner}/{repo}/pulls", {
        query: { head: "sofie-iot:sofie/onboarding", state: "all", sort: "created", direction: "desc" },
        reply: [200, [pull({ number: 7, state: "closed", merged_at: null, body: null, sha: SHA })]],
      })
      .expect("GET /repos/{owner}/{repo}/pulls", {
        query: { head: "sofie-iot:sofie/onboarding" },
        reply: [
          200,
          [pull({ number: 8, state: "open", merged_at: null, body: "hi <!-- sofie:commit=x -->", sha: SHA })],
        ],
      })
      .expect("GET /repos/{owner}/{repo}/pulls", { reply: [200, []] });
    const host = createGitHubOnboardingHost(testOctokit());
    expect(await host.findPullRequest(repo, "sofie/onboarding")).toEqual({
      number: 7,
      state: "closed",
      merged: false,
      body: "",
      headSha: SHA,
    });
    expect(await host.findPullRequest(repo, "sofie/onboarding")).toMatchObject({
      number: 8,
      state: "open",
      body: "hi <!-- sofie:commit=x -->",
    });
    expect(await host.findPullRequest(repo, "sofie/onboarding")).toBeUndefined();
  });

  function commitRoutes(mock: GitHubMock): GitHubMock {
    const commit = example("GET", "/repos/o/r/git/commits/1", 200);
    const created = example("POST", "/repos/o/r/git/commits", 201);
    return mock
      .expect("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", {
        params: { commit_sha: SHA },
        reply: [200, { ...commit, sha: SHA, tree: { ...(commit.tree as object), sha: "base-tree" } }],
      })
      .expect("POST /repos/{owner}/{repo}/git/trees", {
        bodyMatch: (body) =>
          expect(body).toEqual({
            base_tree: "base-tree",
            tree: [
              { path: ".sofie/component.yml", mode: "100644", type: "blob", content: "component: gw\n" },
              { path: ".github/workflows/sofie-ci.yml", mode: "100644", type: "blob", content: "on: push\n" },
            ],
          }),
        reply: [201, { ...example("POST", "/repos/o/r/git/trees", 201), sha: "new-tree" }],
      })
      .expect("POST /repos/{owner}/{repo}/git/commits", {
        bodyMatch: (body) => expect(body).toEqual({ message: "msg", tree: "new-tree", parents: [SHA] }),
        reply: [201, { ...created, sha: "new-commit" }],
      });
  }
  const files = { ".sofie/component.yml": "component: gw\n", ".github/workflows/sofie-ci.yml": "on: push\n" };

  it("commits every file in one commit on a new branch", async () => {
    gh = commitRoutes(githubMock()).expect("POST /repos/{owner}/{repo}/git/refs", {
      bodyMatch: (body) => expect(body).toEqual({ ref: "refs/heads/sofie/onboarding", sha: "new-commit" }),
      reply: [201, example("POST", "/repos/o/r/git/refs", 201)],
    });
    const host = createGitHubOnboardingHost(testOctokit());
    expect(await host.commitToBranch(repo, "sofie/onboarding", SHA, files, "msg")).toBe("new-commit");
  });

  it("moves a branch left behind by an earlier attempt (422 Reference already exists)", async () => {
    gh = commitRoutes(githubMock())
      .expect("POST /repos/{owner}/{repo}/git/refs", {
        reply: [
          422,
          { message: "Reference already exists", documentation_url: "https://docs.github.com/rest" },
        ],
      })
      .expect("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
        params: { ref: "heads/sofie/onboarding" },
        bodyMatch: (body) => expect(body).toEqual({ sha: "new-commit", force: true }),
        reply: [200, example("PATCH", "/repos/o/r/git/refs/x", 200)],
      });
    const host = createGitHubOnboardingHost(testOctokit());
    expect(await host.commitToBranch(repo, "sofie/onboarding", SHA, files, "msg")).toBe("new-commit");
  });

  it("does not hide other failures to create the branch", async () => {
    gh = commitRoutes(githubMock()).expect("POST /repos/{owner}/{repo}/git/refs", {
      reply: [403, { message: "Resource not accessible by integration" }],
      validateReply: false,
    });
    const host = createGitHubOnboardingHost(testOctokit());
    await expect(host.commitToBranch(repo, "sofie/onboarding", SHA, files, "msg")).rejects.toMatchObject({
      status: 403,
    });
  });

  it("opens and updates a pull request", async () => {
    gh = githubMock()
      .expect("POST /repos/{owner}/{repo}/pulls", {
        bodyMatch: (body) =>
          expect(body).toEqual({ head: "sofie/onboarding", base: "main", title: "t", body: "b" }),
        reply: [201, { ...example("POST", "/repos/o/r/pulls", 201), requested_teams: [], number: 42 }],
      })
      .expect("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
        params: { pull_number: "42" },
        bodyMatch: (body) => expect(body).toEqual({ title: "t2", body: "b2" }),
        reply: [200, { ...example("PATCH", "/repos/o/r/pulls/42", 200), requested_teams: [], number: 42 }],
      });
    const host = createGitHubOnboardingHost(testOctokit());
    expect(
      await host.openPullRequest(repo, { head: "sofie/onboarding", base: "main", title: "t", body: "b" }),
    ).toBe(42);
    await host.updatePullRequest(repo, 42, { title: "t2", body: "b2" });
  });
});
