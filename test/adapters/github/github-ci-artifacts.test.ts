import nock from "nock";
import { createGitHubCiArtifacts } from "../../../src/adapters/github/github-ci-artifacts.js";
import { DEFAULT_ARCHIVE_LIMITS } from "../../../src/adapters/artifact/archive-limits.js";
import { ArtifactRejectedError } from "../../../src/ports/artifact-archive.js";
import { githubMock, type GitHubMock } from "../../helpers/github-mock.js";
import { responseExample } from "../../helpers/openapi.js";
import { makeZip } from "../../helpers/make-zip.js";
import { testOctokit } from "../../helpers/test-octokit.js";

const repo = { owner: "sofie-iot", repo: "gw" };
const artifactExample = () =>
  (
    responseExample({ method: "GET", path: "/repos/o/r/actions/runs/1/artifacts", status: 200 }) as {
      artifacts: object[];
    }
  ).artifacts[0];

describe("createGitHubCiArtifacts", () => {
  let gh: GitHubMock;
  afterEach(() => {
    gh.done();
    nock.cleanAll();
  });

  it("finds the run's artifact by name", async () => {
    gh = githubMock().expect("GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts", {
      params: { run_id: "7" },
      query: { name: "sofie-results" },
      reply: [
        200,
        {
          total_count: 1,
          artifacts: [
            { ...artifactExample(), id: 11, name: "sofie-results", size_in_bytes: 10, expired: false },
          ],
        },
      ],
    });
    expect(await createGitHubCiArtifacts(testOctokit()).findRunArtifact(repo, 7, "sofie-results")).toEqual({
      id: 11,
      name: "sofie-results",
      sizeInBytes: 10,
      expired: false,
    });
  });

  it("follows GitHub's redirect to storage, streams the zip and deletes it on close", async () => {
    const zip = await makeZip([{ name: "reports/a.xml", data: "<testsuite/>" }]);
    gh = githubMock().expect("GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}", {
      params: { artifact_id: "11", archive_format: "zip" },
      reply: [302, undefined, { location: "https://pipelines.actions.example/blob/11.zip" }],
      validateReply: false,
    });
    nock("https://pipelines.actions.example").get("/blob/11.zip").reply(200, zip);
    const archive = await createGitHubCiArtifacts(testOctokit()).openArtifact(repo, {
      id: 11,
      name: "sofie-results",
      sizeInBytes: zip.length,
      expired: false,
    });
    expect(archive.entries.map((e) => e.name)).toEqual(["reports/a.xml"]);
    await archive.close();
  });

  it("refuses an artifact larger than the download cap before downloading it", async () => {
    gh = githubMock();
    const artifacts = createGitHubCiArtifacts(testOctokit(), {
      ...DEFAULT_ARCHIVE_LIMITS,
      maxDownloadBytes: 100,
    });
    await expect(
      artifacts.openArtifact(repo, { id: 1, name: "sofie-results", sizeInBytes: 101, expired: false }),
    ).rejects.toThrow(ArtifactRejectedError);
  });

  it("stops a download that runs past the cap whatever the listing said", async () => {
    gh = githubMock().expect("GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}", {
      reply: [302, undefined, { location: "https://pipelines.actions.example/blob/big.zip" }],
      validateReply: false,
    });
    nock("https://pipelines.actions.example").get("/blob/big.zip").reply(200, Buffer.alloc(4096));
    const artifacts = createGitHubCiArtifacts(testOctokit(), {
      ...DEFAULT_ARCHIVE_LIMITS,
      maxDownloadBytes: 1000,
    });
    await expect(
      artifacts.openArtifact(repo, { id: 1, name: "sofie-results", sizeInBytes: 10, expired: false }),
    ).rejects.toThrow(/downloads past 1000 bytes/);
  });
});
