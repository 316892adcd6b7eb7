import {
  compilePathTemplate,
  matchPathTemplate,
  moreSpecific,
  parseRoute,
  splitPathAndQuery,
  stripBasePath,
} from "../helpers/path-template.js";

describe("path templates", () => {
  it("parses routes and rejects malformed ones with the expected shape", () => {
    expect(parseRoute("post /repos/{owner}/{repo}/check-runs")).toEqual({
      method: "POST",
      template: "/repos/{owner}/{repo}/check-runs",
    });
    expect(() => parseRoute("/repos/{owner}")).toThrow(/route must look like "POST \/repos/);
    expect(() => parseRoute("GET repos")).toThrow(/route must look like/);
  });

  it("matches one segment per parameter, except a trailing {path}", () => {
    const repo = compilePathTemplate("/repos/{owner}/{repo}");
    expect(matchPathTemplate(repo, "/repos/o/r")).toEqual({ owner: "o", repo: "r" });
    expect(matchPathTemplate(repo, "/repos/o/r/extra")).toBeUndefined();
    const contents = compilePathTemplate("/repos/{owner}/{repo}/contents/{path}");
    expect(matchPathTemplate(contents, "/repos/o/r/contents/a/b%20c.yml")?.path).toBe("a/b c.yml");
  });

  it("keeps undecodable parameters as sent instead of throwing", () => {
    expect(matchPathTemplate(compilePathTemplate("/users/{username}"), "/users/%E0%A4%A")).toEqual({
      username: "%E0%A4%A",
    });
  });

  it("escapes regular-expression characters in literal parts", () => {
    const t = compilePathTemplate("/a.b/{x}");
    expect(matchPathTemplate(t, "/a.b/1")).toEqual({ x: "1" });
    expect(matchPathTemplate(t, "/aXb/1")).toBeUndefined();
  });

  it("prefers the template with more literal text", () => {
    const generic = compilePathTemplate("/orgs/{org}/{security_product}/{enablement}");
    const literal = compilePathTemplate("/orgs/{org}/actions/permissions");
    expect(moreSpecific(generic, literal)).toBe(literal);
    expect(moreSpecific(literal, generic)).toBe(literal);
  });

  it("splits queries (repeated keys become arrays) and strips a base path only at a segment boundary", () => {
    expect(splitPathAndQuery("/x?a=1&b=2&b=3")).toEqual({ path: "/x", query: { a: "1", b: ["2", "3"] } });
    expect(stripBasePath("/api/v3/repos/o/r", "/api/v3")).toBe("/repos/o/r");
    expect(stripBasePath("/api/v3x/repos", "/api/v3")).toBe("/api/v3x/repos");
    expect(stripBasePath("/repos/o/r", "/")).toBe("/repos/o/r");
  });
});
