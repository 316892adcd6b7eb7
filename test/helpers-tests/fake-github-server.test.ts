import { ProbotOctokit } from "probot";
import yazl from "yazl";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github-server.js";
import { responseExample } from "../helpers/openapi.js";

function octokit(gh: FakeGitHub, auth = "t") {
  return new ProbotOctokit({
    auth: { token: auth },
    baseUrl: gh.apiUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

function zipOf(name: string, content: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

describe("startFakeGitHub", () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub();
  });
  afterEach(() => gh.close());

  it("exposes the GHES environment for a child process", () => {
    expect(gh.env).toEqual({ GHE_HOST: `127.0.0.1:${gh.port}`, GHE_PROTOCOL: "http" });
    expect(gh.apiUrl).toBe(`http://127.0.0.1:${gh.port}/api/v3`);
  });

  it("routes by template, passes decoded params, records and checks requests", async () => {
    const body = responseExample({ method: "POST", path: "/repos/o/r/check-runs", status: 201 });
    gh.route("POST /repos/{owner}/{repo}/check-runs", (req) => {
      expect(req.params).toEqual({ owner: "o", repo: "r" });
      return { status: 201, body };
    });
    const { data } = await octokit(gh).rest.checks.create({
      owner: "o",
      repo: "r",
      name: "sofie",
      head_sha: "abc",
    });
    expect(data.id).toBe((body as { id: number }).id);
    expect(gh.problems).toEqual([]);
    expect(gh.requestsTo("POST /repos/{owner}/{repo}/check-runs")[0]).toMatchObject({
      path: "/repos/o/r/check-runs",
      operationId: "checks/create",
      body: { name: "sofie", head_sha: "abc" },
    });
  });

  it("answers unexpected requests with a GitHub-like 404 and lists them with OpenAPI mismatches", async () => {
    const untyped: string = "POST /repos/{owner}/{repo}/check-runs";
    await expect(octokit(gh).request(untyped, { owner: "o", repo: "r", name: "x" })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: "Not Found" } },
    });
    await expect(octokit(gh).request("GET /repos/x/y/foo")).rejects.toMatchObject({ status: 404 });
    expect(gh.problems).toEqual([
      "POST /repos/o/r/check-runs does not match GitHub's OpenAPI description: request body: must have required property 'head_sha'",
      "unexpected request: POST /repos/o/r/check-runs",
      expect.stringMatching(
        /^GET \/repos\/x\/y\/foo does not match GitHub's OpenAPI description: no such operation .*\(ghes-3\.\d+\)/,
      ),
      "unexpected request: GET /repos/x/y/foo",
    ]);
  });

  it("checks handler responses against the response schema", async () => {
    gh.route("GET /repos/{owner}/{repo}/topics", () => ({ status: 200, body: { names: "not-an-array" } }));
    await octokit(gh).request("GET /repos/{owner}/{repo}/topics", { owner: "o", repo: "r" });
    expect(gh.problems).toEqual([
      'response to GET /repos/o/r/topics: response 200 body /names: must be array, got "not-an-array"',
    ]);
  });

  it("refuses a route GitHub does not have", () => {
    expect(() => gh.route("GET /repos/{owner}/{repo}/nope", () => ({ status: 200 }))).toThrow(
      /no such operation/,
    );
  });

  it("issues installation tokens by default", async () => {
    const { data } = await octokit(gh).request("POST /app/installations/{installation_id}/access_tokens", {
      installation_id: 7,
    });
    expect(data.token).toMatch(/^ghs_/);
    expect(Date.parse(data.expires_at)).toBeGreaterThan(Date.now());
    expect(gh.problems).toEqual([]);
  });

  it("serves an artifact download as a 302 to bytes on the same server", async () => {
    const zip = await zipOf("reports/junit.xml", "<testsuites/>");
    gh.route("GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}", () => ({
      status: 302,
      headers: { location: gh.blob(zip) },
    }));
    const response = await octokit(gh).rest.actions.downloadArtifact({
      owner: "o",
      repo: "r",
      artifact_id: 5,
      archive_format: "zip",
    });
    expect(Buffer.from(response.data as ArrayBuffer).equals(zip)).toBe(true);
    expect(gh.problems).toEqual([]);
    expect(gh.requests.map((r) => r.path)).toEqual(["/repos/o/r/actions/artifacts/5/zip"]);
  });

  it("waits for a request that arrives later, and times out listing what came", async () => {
    gh.route("GET /repos/{owner}/{repo}/topics", () => ({ status: 200, body: { names: [] } }));
    setTimeout(
      () => void octokit(gh).request("GET /repos/{owner}/{repo}/topics", { owner: "o", repo: "r" }),
      50,
    );
    await expect(gh.waitFor("GET /repos/{owner}/{repo}/topics", 5000)).resolves.toMatchObject({
      path: "/repos/o/r/topics",
    });
    await expect(gh.waitFor((r) => r.method === "DELETE", 100)).rejects.toThrow(
      /within 100 ms; requests so far:\n {2}GET \/repos\/o\/r\/topics/,
    );
  });

  it("records a crashing handler as a problem and answers 500", async () => {
    gh.route("GET /repos/{owner}/{repo}/topics", () => {
      throw new Error("boom");
    });
    await expect(
      octokit(gh).request("GET /repos/{owner}/{repo}/topics", { owner: "o", repo: "r" }),
    ).rejects.toMatchObject({ status: 500 });
    expect(gh.problems).toEqual([
      "handler for GET /repos/{owner}/{repo}/topics threw on GET /repos/o/r/topics: Error: boom",
    ]);
  });

  it("accepts raw-slash content paths from non-Octokit clients", async () => {
    gh.route(
      "GET /repos/{owner}/{repo}/contents/{path}",
      (req) => ({ status: 404, body: { message: `no ${req.params.path}` } }),
      {
        validateResponse: false,
      },
    );
    const response = await fetch(`${gh.apiUrl}/repos/o/r/contents/.sofie/component.yml?ref=main`);
    expect(await response.json()).toEqual({ message: "no .sofie/component.yml" });
    expect(gh.problems).toEqual([]);
  });

  it("records a malformed JSON body as a problem instead of crashing", async () => {
    gh.route("POST /repos/{owner}/{repo}/check-runs", () => ({ status: 201, body: {} }), {
      validateResponse: false,
    });
    const response = await fetch(`${gh.apiUrl}/repos/o/r/check-runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"name": "x", ',
    });
    expect(response.status).toBe(201);
    expect(gh.problems).toEqual([
      `POST /repos/o/r/check-runs does not match GitHub's OpenAPI description: request body: must be object`,
    ]);
    expect(gh.requests[0]?.body).toBe('{"name": "x", ');
  });

  it("serves raw text bodies without checking them against a JSON schema", async () => {
    gh.route("GET /repos/{owner}/{repo}/contents/{path}", () => ({ status: 200, body: "component: x\n" }));
    const response = await fetch(`${gh.apiUrl}/repos/o/r/contents/.sofie%2Fcomponent.yml`, {
      headers: { accept: "application/vnd.github.raw+json" },
    });
    expect(await response.text()).toBe("component: x\n");
    expect(gh.problems).toEqual([]);
  });
});
