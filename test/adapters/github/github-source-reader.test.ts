import { createGitHubSourceReader } from "../../../src/adapters/github/github-source-reader.js";
import { githubMock, type GitHubMock } from "../../helpers/github-mock.js";
import { responseExample } from "../../helpers/openapi.js";
import { testOctokit } from "../../helpers/test-octokit.js";

const repo = { owner: "sofie-iot", repo: "gw" };

describe("createGitHubSourceReader", () => {
  let gh: GitHubMock;
  afterEach(() => gh.done());

  it("reads a file at a commit and says undefined for a missing one", async () => {
    const file = responseExample({
      method: "GET",
      path: "/repos/o/r/contents/README.md",
      status: 200,
    }) as object;
    gh = githubMock()
      .expect("GET /repos/{owner}/{repo}/contents/{path}", {
        params: { path: ".sofie/component.yml" },
        query: { ref: "abc" },
        reply: [200, { ...file, type: "file", content: Buffer.from("component: gw\n").toString("base64") }],
      })
      .expect("GET /repos/{owner}/{repo}/contents/{path}", {
        params: { path: "missing.yml" },
        reply: [404, { message: "Not Found", documentation_url: "https://docs.github.com" }],
      });
    const source = createGitHubSourceReader(testOctokit());
    expect(await source.readFile(repo, ".sofie/component.yml", "abc")).toBe("component: gw\n");
    expect(await source.readFile(repo, "missing.yml", "abc")).toBeUndefined();
  });

  it("lists the blobs of the tree, recursively", async () => {
    gh = githubMock().expect("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
      params: { tree_sha: "abc" },
      query: { recursive: "1" },
      reply: [
        200,
        {
          sha: "abc",
          url: "https://x",
          truncated: false,
          tree: [
            { path: "src", mode: "040000", type: "tree", sha: "1" },
            { path: "src/Main.java", mode: "100644", type: "blob", sha: "2", size: 3 },
          ],
        },
      ],
    });
    expect(await createGitHubSourceReader(testOctokit()).listPaths(repo, "abc")).toEqual(["src/Main.java"]);
  });
});
