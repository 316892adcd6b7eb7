import { createGitHubCheckRuns } from "../../../src/adapters/github/github-check-runs.js";
import { githubMock, type GitHubMock } from "../../helpers/github-mock.js";
import { responseExample } from "../../helpers/openapi.js";
import { testOctokit } from "../../helpers/test-octokit.js";

const repo = { owner: "sofie-iot", repo: "gw" };
const checkRun = (patch: object) => ({
  ...(responseExample({ method: "POST", path: "/repos/o/r/check-runs", status: 201 }) as object),
  ...patch,
});

describe("createGitHubCheckRuns", () => {
  let gh: GitHubMock;
  afterEach(() => gh.done());

  it("finds a check run by name and external id on the commit", async () => {
    gh = githubMock().expect("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
      params: { ref: "abc" },
      query: { check_name: "SOFIE tests", filter: "all" },
      reply: [
        200,
        {
          total_count: 2,
          check_runs: [
            checkRun({ id: 1, external_id: "other" }),
            checkRun({ id: 2, external_id: "sofie-tests:7:1", status: "completed" }),
          ],
        },
      ],
    });
    expect(
      await createGitHubCheckRuns(testOctokit()).find(repo, "abc", "SOFIE tests", "sofie-tests:7:1"),
    ).toEqual({
      id: 2,
      status: "completed",
    });
  });

  it("starts an in-progress check run and completes it with annotations", async () => {
    gh = githubMock()
      .expect("POST /repos/{owner}/{repo}/check-runs", {
        bodyMatch: (body) =>
          expect(body).toMatchObject({
            name: "SOFIE tests",
            head_sha: "abc",
            external_id: "x",
            status: "in_progress",
            details_url: "https://ci",
          }),
        reply: [201, checkRun({ id: 99 })],
      })
      .expect("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
        params: { check_run_id: "99" },
        bodyMatch: (body) =>
          expect(body).toMatchObject({
            status: "completed",
            conclusion: "failure",
            output: {
              title: "1 failed",
              annotations: [
                { path: "a.java", start_line: 3, end_line: 3, annotation_level: "failure", message: "m" },
              ],
            },
          }),
        reply: [200, checkRun({ id: 99 })],
      });
    const checks = createGitHubCheckRuns(testOctokit());
    const id = await checks.start(repo, {
      name: "SOFIE tests",
      headSha: "abc",
      externalId: "x",
      detailsUrl: "https://ci",
      output: { title: "t", summary: "s" },
    });
    await checks.update(repo, id, {
      conclusion: "failure",
      output: {
        title: "1 failed",
        summary: "s",
        annotations: [
          { path: "a.java", start_line: 3, end_line: 3, annotation_level: "failure", message: "m" },
        ],
      },
    });
  });
});
