/** Repository, branch, git data and pull request routes of the fake repository. */
import { createHash } from "node:crypto";
import type { FakeGitHub, FakeRequest, FakeResponse } from "./fake-github-server.js";
import { example, type FakeRepository } from "./fake-repository.js";

const notFound: FakeResponse = {
  status: 404,
  body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
};
const sha = (text: string) => createHash("sha1").update(text).digest("hex");

export function installGitRoutes(gh: FakeGitHub, repo: FakeRepository): void {
  const mine = (req: FakeRequest) => req.params.owner === repo.owner && req.params.repo === repo.repo;
  const obj = (method: string, path: string, status: number) =>
    example(method, path, status) as Record<string, unknown>;

  gh.route("GET /repos/{owner}/{repo}", (req) => {
    if (!mine(req)) return notFound;
    const { source: _s, parent: _p, ...base } = obj("GET", "/repos/o/r", 200);
    return {
      status: 200,
      body: {
        ...base,
        name: repo.repo,
        full_name: `${repo.owner}/${repo.repo}`,
        default_branch: repo.defaultBranch,
        language: "JavaScript",
        archived: repo.archived,
      },
    };
  });

  gh.route("GET /repos/{owner}/{repo}/branches/{branch}", (req) => {
    if (!mine(req)) return notFound;
    const branch = req.params.branch ?? "";
    const head = branch === repo.defaultBranch ? repo.headSha : repo.branches.get(branch)?.sha;
    if (!head) return notFound;
    const base = obj("GET", "/repos/o/r/branches/main", 200);
    return {
      status: 200,
      body: { ...base, name: branch, commit: { ...(base.commit as object), sha: head } },
    };
  });

  gh.route("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", (req) => {
    if (!mine(req)) return notFound;
    const base = obj("GET", "/repos/o/r/git/commits/1", 200);
    return {
      status: 200,
      body: {
        ...base,
        sha: req.params.commit_sha,
        tree: { ...(base.tree as object), sha: `tree-of-${req.params.commit_sha}` },
      },
    };
  });

  gh.route("POST /repos/{owner}/{repo}/git/trees", (req) => {
    if (!mine(req)) return notFound;
    const body = req.body as { base_tree?: string; tree: { path: string; content?: string }[] };
    const files = new Map(repo.files);
    for (const entry of body.tree) if (entry.content !== undefined) files.set(entry.path, entry.content);
    const treeSha = sha(JSON.stringify([...files]));
    repo.trees.set(treeSha, files);
    const base = obj("POST", "/repos/o/r/git/trees", 201);
    return { status: 201, body: { ...base, sha: treeSha, tree: [] } };
  });

  gh.route("POST /repos/{owner}/{repo}/git/commits", (req) => {
    if (!mine(req)) return notFound;
    const body = req.body as { tree: string; message: string; parents: string[] };
    const files = repo.trees.get(body.tree);
    if (!files)
      return {
        status: 422,
        body: { message: "Tree not found", documentation_url: "https://docs.github.com" },
      };
    const commitSha = sha(`${body.tree}:${body.parents.join(",")}:${body.message}`);
    repo.commits.set(commitSha, files);
    const base = obj("POST", "/repos/o/r/git/commits", 201);
    return {
      status: 201,
      body: { ...base, sha: commitSha, tree: { ...(base.tree as object), sha: body.tree } },
    };
  });

  gh.route("POST /repos/{owner}/{repo}/git/refs", (req) => {
    if (!mine(req)) return notFound;
    const body = req.body as { ref: string; sha: string };
    const branch = body.ref.replace(/^refs\/heads\//, "");
    if (repo.branches.has(branch))
      return {
        status: 422,
        body: { message: "Reference already exists", documentation_url: "https://docs.github.com" },
      };
    repo.branches.set(branch, { sha: body.sha, files: repo.commits.get(body.sha) ?? new Map() });
    const base = obj("POST", "/repos/o/r/git/refs", 201);
    return {
      status: 201,
      body: { ...base, ref: body.ref, object: { ...(base.object as object), sha: body.sha } },
    };
  });

  gh.route("PATCH /repos/{owner}/{repo}/git/refs/{ref}", (req) => {
    const branch = (req.params.ref ?? "").replace(/^heads\//, "");
    if (!mine(req) || !repo.branches.has(branch)) return notFound;
    const body = req.body as { sha: string };
    repo.branches.set(branch, { sha: body.sha, files: repo.commits.get(body.sha) ?? new Map() });
    const base = obj("PATCH", "/repos/o/r/git/refs/x", 200);
    return {
      status: 200,
      body: { ...base, ref: `refs/heads/${branch}`, object: { ...(base.object as object), sha: body.sha } },
    };
  });

  const pullBody = (pr: FakeRepository["pulls"][number]) => {
    const base = obj("GET", "/repos/o/r/pulls/1", 200);
    const branch = repo.branches.get(pr.head);
    return {
      ...base,
      number: pr.number,
      title: pr.title,
      body: pr.body,
      state: pr.state,
      merged: pr.merged,
      merged_at: pr.merged ? "2026-11-25T12:00:00Z" : null,
      requested_teams: [],
      requested_reviewers: [],
      head: { ...(base.head as object), ref: pr.head, sha: branch?.sha ?? "0".repeat(40) },
      base: { ...(base.base as object), ref: pr.base },
    };
  };

  gh.route("GET /repos/{owner}/{repo}/pulls", (req) => {
    if (!mine(req)) return notFound;
    const head = String(req.query.head ?? "")
      .split(":")
      .pop();
    const list = repo.pulls.filter((p) => !head || p.head === head).sort((a, b) => b.number - a.number);
    return { status: 200, body: list.map(pullBody) };
  });

  gh.route("POST /repos/{owner}/{repo}/pulls", (req) => {
    if (!mine(req)) return notFound;
    const body = req.body as { title: string; head: string; base: string; body: string };
    const pr = {
      number: 100 + repo.pulls.length,
      head: body.head,
      base: body.base,
      title: body.title,
      body: body.body,
      state: "open" as const,
      merged: false,
    };
    repo.pulls.push(pr);
    return { status: 201, body: pullBody(pr) };
  });

  gh.route("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", (req) => {
    const pr = mine(req) ? repo.pulls.find((p) => p.number === Number(req.params.pull_number)) : undefined;
    if (!pr) return notFound;
    const body = req.body as { title?: string; body?: string };
    if (body.title !== undefined) pr.title = body.title;
    if (body.body !== undefined) pr.body = body.body;
    return { status: 200, body: pullBody(pr) };
  });

  gh.route("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", (req) => {
    if (!mine(req)) return notFound;
    const base = (example("GET", "/repos/o/r/pulls/1/files", 200) as Record<string, unknown>[])[0];
    const files = repo.pullFiles.get(Number(req.params.pull_number)) ?? [];
    return { status: 200, body: files.map((filename) => ({ ...base, filename, status: "modified" })) };
  });
}
