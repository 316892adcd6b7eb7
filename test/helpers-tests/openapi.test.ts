import { availableDescriptions, checkRequest, checkResponse, responseExample } from "../helpers/openapi.js";

describe("checkRequest", () => {
  it("accepts a valid check-run creation", () => {
    const result = checkRequest({
      method: "POST",
      path: "/repos/o/r/check-runs",
      body: { name: "sofie", head_sha: "abc" },
    });
    expect(result).toEqual({
      operationId: "checks/create",
      template: "/repos/{owner}/{repo}/check-runs",
      params: { owner: "o", repo: "r" },
      problems: [],
    });
  });

  it("names a missing required body property", () => {
    const { problems } = checkRequest({
      method: "POST",
      path: "/repos/o/r/check-runs",
      body: { name: "sofie" },
    });
    expect(problems).toEqual(["request body: must have required property 'head_sha'"]);
  });

  it("names a bad enum value with the allowed ones and the value sent", () => {
    const { problems } = checkRequest({
      method: "POST",
      path: "/repos/o/r/check-runs",
      body: { name: "sofie", head_sha: "abc", status: "bogus" },
    });
    expect(problems).toEqual([
      'request body /status: must be equal to one of the allowed values ("queued", "in_progress", "completed"), got "bogus"',
    ]);
  });

  it("rejects an unknown path", () => {
    const { problems, operationId } = checkRequest({ method: "POST", path: "/repos/x/y/foo" });
    expect(operationId).toBeUndefined();
    expect(problems).toEqual([
      "no such operation in GitHub's OpenAPI description (api.github.com): POST /repos/x/y/foo",
    ]);
  });

  it("rejects a wrong method on a known path", () => {
    expect(checkRequest({ method: "PUT", path: "/repos/o/r/check-runs" }).problems[0]).toMatch(
      /no such operation/,
    );
  });

  it("checks path parameter types", () => {
    const { problems } = checkRequest({
      method: "PATCH",
      path: "/repos/o/r/check-runs/not-a-number",
      body: { status: "completed", conclusion: "success" },
    });
    expect(problems).toEqual([`path parameter 'check_run_id': must be integer, got "not-a-number"`]);
  });

  it("checks query parameters: unknown names, types and arrays", () => {
    expect(
      checkRequest({ method: "GET", path: "/repos/o/r/issues", query: { per_page: "30", state: "open" } })
        .problems,
    ).toEqual([]);
    const { problems } = checkRequest({ method: "GET", path: "/repos/o/r/issues?per_page=abc&colour=red" });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^unknown query parameter 'colour' \(known: milestone, state, .*per_page, page\)$/,
    );
    expect(problems[1]).toBe(`query parameter 'per_page': must be integer, got "abc"`);
    // Repeated keys arrive as arrays; a parameter documented as a single string rejects them.
    expect(
      checkRequest({ method: "GET", path: "/repos/o/r/issues?state=open&state=closed" }).problems,
    ).toContain(`query parameter 'state': must be string, got ["open","closed"]`);
  });

  it("reports a missing required query parameter", () => {
    const { problems } = checkRequest({ method: "GET", path: "/search/issues" });
    expect(problems).toEqual(["missing required query parameter 'q'"]);
  });

  it("prefers the most literal template", () => {
    const result = checkRequest({ method: "GET", path: "/repos/o/r/actions/runs/42/artifacts" });
    expect(result.template).toBe("/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts");
    expect(result.params).toEqual({ owner: "o", repo: "r", run_id: "42" });
  });

  it("decodes percent-encoded parameters and accepts raw slashes in a trailing {path}", () => {
    const encoded = checkRequest({
      method: "GET",
      path: "/repos/o/r/contents/.sofie%2Fcomponent.yml",
      query: { ref: "main" },
    });
    expect(encoded.params).toEqual({ owner: "o", repo: "r", path: ".sofie/component.yml" });
    expect(encoded.problems).toEqual([]);
    const raw = checkRequest({ method: "GET", path: "/repos/o/r/contents/.sofie/component.yml" });
    expect(raw.params?.path).toBe(".sofie/component.yml");
  });

  it("strips a GitHub Enterprise Server /api/v3 prefix and checks against a GHES description", () => {
    const ghes = availableDescriptions().find((name) => name.startsWith("ghes-"));
    expect(ghes).toBeDefined();
    const result = checkRequest(
      { method: "POST", path: "/api/v3/repos/o/r/check-runs", body: { name: "n", head_sha: "s" } },
      { description: ghes as `ghes-3.${number}` },
    );
    expect(result.problems).toEqual([]);
  });

  it("says which descriptions exist when asked for an unknown one", () => {
    expect(() => checkRequest({ method: "GET", path: "/" }, { description: "ghes-3.0" })).toThrow(
      /Available: .*api\.github\.com/,
    );
  });

  it("complains about a body where the operation takes none", () => {
    expect(checkRequest({ method: "GET", path: "/repos/o/r", body: { a: 1 } }).problems).toEqual([
      'repos/get takes no request body, got {"a":1}',
    ]);
  });

  it("handles nullable and anyOf bodies (OpenAPI 3.0)", () => {
    // milestone is `oneOf [string, integer]` + nullable in issues/create.
    const ok = checkRequest({
      method: "POST",
      path: "/repos/o/r/issues",
      body: { title: "t", milestone: null, labels: ["a", { name: "b" }] },
    });
    expect(ok.problems).toEqual([]);
  });
});

describe("checkResponse and responseExample", () => {
  it("GitHub's own example passes its own schema", () => {
    const body = responseExample({ method: "POST", path: "/repos/o/r/check-runs", status: 201 });
    expect(
      checkResponse({ method: "POST", path: "/repos/o/r/check-runs", status: 201, body }).problems,
    ).toEqual([]);
  });

  it("flags an unrealistic canned response", () => {
    const { problems } = checkResponse({
      method: "POST",
      path: "/repos/o/r/check-runs",
      status: 201,
      body: { id: "x" },
    });
    expect(problems).toContain('response 201 body /id: must be integer, got "x"');
    expect(problems).toContain("response 201 body: must have required property 'head_sha'");
  });

  it("flags an undocumented status", () => {
    const { problems } = checkResponse({
      method: "POST",
      path: "/repos/o/r/check-runs",
      status: 200,
      body: {},
    });
    expect(problems).toEqual(["status 200 is not documented for checks/create (documented: 201)"]);
  });

  it("accepts a bodiless 302 for an artifact download", () => {
    expect(
      checkResponse({ method: "GET", path: "/repos/o/r/actions/artifacts/1/zip", status: 302 }).problems,
    ).toEqual([]);
  });
});
