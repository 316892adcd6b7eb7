import { createGitHubAccessControl } from "../../../src/adapters/github/github-access-control.js";
import { githubMock, type GitHubMock } from "../../helpers/github-mock.js";
import { responseExample } from "../../helpers/openapi.js";
import { testOctokit } from "../../helpers/test-octokit.js";

const repo = { owner: "sofie-iot", repo: "gw" };
function permission(patch: { role_name: string }) {
  const base = responseExample({
    method: "GET",
    path: "/repos/o/r/collaborators/u/permission",
    status: 200,
  }) as { user: object };
  // The schema wants the role on the user too; GitHub's example leaves it out.
  return { ...base, ...patch, user: { ...base.user, role_name: patch.role_name } };
}

describe("createGitHubAccessControl", () => {
  let gh: GitHubMock;
  afterEach(() => gh.done());

  it.each([
    [{ permission: "write", role_name: "maintain" }, "maintain"],
    [{ permission: "admin", role_name: "admin" }, "admin"],
    [{ permission: "read", role_name: "triage" }, "triage"],
    [{ permission: "write", role_name: "custom-deployer" }, "write"],
    [{ permission: "read", role_name: "custom-viewer" }, "read"],
  ])("reads the role name of %j as %s", async (patch, role) => {
    gh = githubMock().expect("GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
      params: { username: "octocat" },
      reply: [200, permission(patch)],
    });
    expect(await createGitHubAccessControl(testOctokit()).roleOf(repo, "octocat")).toBe(role);
  });

  it("says none for someone who is not a collaborator (404), and throws on other errors", async () => {
    gh = githubMock()
      .expect("GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
        params: { username: "stranger" },
        reply: [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }],
      })
      .expect("GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
        params: { username: "x" },
        reply: [502, { message: "bad gateway" }],
        validateReply: false,
      });
    const access = createGitHubAccessControl(testOctokit());
    expect(await access.roleOf(repo, "stranger")).toBe("none");
    await expect(access.roleOf(repo, "x")).rejects.toMatchObject({ status: 502 });
  });
});
