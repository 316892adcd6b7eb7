/**
 * Many repositories of one organisation behind the strict nock mock (`githubMock`), with
 * just the routes the onboarding job uses: every reply is built from GitHub's own example
 * and checked against its response schema, and every write is stamped with the fake
 * clock's time so pacing can be measured.
 */
import { createHash } from "node:crypto";
import type { Clock } from "../../src/ports/clock.js";
import type { GitHubMock, Reply } from "./github-mock.js";
import { githubError } from "./github-defaults.js";
import { responseExample } from "./openapi.js";
import type { RecordedRequest } from "./recorded-request.js";

export interface FakeOrgPull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: "open" | "closed";
}

export interface FakeOrgRepository {
  readonly name: string;
  readonly headSha: string;
  /** branch → commit sha (branches other than `main`). */
  readonly branches: Map<string, string>;
  readonly pulls: FakeOrgPull[];
}

const sha = (text: string) => createHash("sha1").update(text).digest("hex");
const example = (method: string, path: string, status: number) =>
  responseExample({ method, path, status }) as Record<string, unknown>;

export class FakeOrganisation {
  readonly repositories = new Map<string, FakeOrgRepository>();
  /** The fake clock's time at each write (any method but GET), token exchanges excepted. */
  readonly writeTimes: number[] = [];
  /** Answers the next `POST …/pulls` of these repositories with a 502 (once each): the job fails after its branch. */
  readonly failPullCreation = new Set<string>();
  /**
   * GitHub's secondary limit, enforced: after `every` content-creating requests, the next one
   * is answered 403 "secondary rate limit" with `retry-after` (seconds, or none); any write that
   * arrives before the window ends is recorded in `writesInsidePause`.
   */
  secondaryLimit: { every: number; retryAfter?: number } | undefined;
  readonly writesInsidePause: number[] = [];
  /** `METHOD path` of each write answered with the secondary limit. */
  readonly limited: string[] = [];
  private pauseEnds = 0;
  private writesSinceLimit = 0;
  private nextPull = 1;

  constructor(
    readonly owner: string,
    names: readonly string[],
    private readonly clock: Clock,
  ) {
    for (const name of names)
      this.repositories.set(name, { name, headSha: sha(name), branches: new Map(), pulls: [] });
  }

  /** Every pull request of every repository. */
  pulls(): FakeOrgPull[] {
    return [...this.repositories.values()].flatMap((r) => r.pulls);
  }

  /** Adds the routes to `gh`, each answering any number of requests. */
  install(gh: GitHubMock): GitHubMock {
    const route = (name: string, reply: (repo: FakeOrgRepository, req: RecordedRequest) => Reply) =>
      gh.expect(name, {
        times: Infinity,
        optional: name.startsWith("PATCH"), // only a crash before the pull request moves a branch
        reply: (req) => {
          if (req.method !== "GET") {
            const now = this.clock.now().getTime();
            if (now < this.pauseEnds) this.writesInsidePause.push(now);
            if (this.secondaryLimit && ++this.writesSinceLimit > this.secondaryLimit.every) {
              this.writesSinceLimit = 0;
              this.limited.push(`${req.method} ${req.path}`);
              const seconds = this.secondaryLimit.retryAfter;
              this.pauseEnds = now + (seconds ?? 60) * 1000;
              return [
                403,
                githubError(
                  403,
                  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                ),
                seconds === undefined ? {} : { "retry-after": String(seconds) },
              ];
            }
            this.writeTimes.push(now);
          }
          const repo =
            req.params.owner === this.owner ? this.repositories.get(req.params.repo ?? "") : undefined;
          return repo ? reply(repo, req) : [404, githubError(404, "Not Found")];
        },
      });
    const { source: _s, parent: _p, ...repository } = example("GET", "/repos/o/r", 200);
    const branch = example("GET", "/repos/o/r/branches/main", 200);
    const commit = example("GET", "/repos/o/r/git/commits/1", 200);
    const tree = example("POST", "/repos/o/r/git/trees", 201);
    const created = example("POST", "/repos/o/r/git/commits", 201);
    const ref = example("POST", "/repos/o/r/git/refs", 201);
    const pull = example("GET", "/repos/o/r/pulls/1", 200);
    const pullBody = (repo: FakeOrgRepository, pr: FakeOrgPull) => ({
      ...pull,
      number: pr.number,
      title: pr.title,
      body: pr.body,
      state: pr.state,
      merged_at: null,
      requested_teams: [], // the example's team lacks fields the schema requires
      head: { ...(pull.head as object), ref: pr.head, sha: repo.branches.get(pr.head) ?? "0".repeat(40) },
      base: { ...(pull.base as object), ref: pr.base },
    });

    // The installation's repositories, as the API lists them (100 a page, a Link to the next).
    const listed = example("GET", "/installation/repositories", 200) as {
      repositories: Record<string, unknown>[];
    };
    gh.expect("GET /installation/repositories", {
      times: Infinity,
      reply: (req) => {
        const perPage = Number(req.query.per_page ?? 30);
        const page = Number(req.query.page ?? 1);
        const names = [...this.repositories.keys()];
        const slice = names.slice((page - 1) * perPage, page * perPage);
        const more = page * perPage < names.length;
        return [
          200,
          {
            total_count: names.length,
            repositories: slice.map((name) => ({
              ...listed.repositories[0],
              name,
              full_name: `${this.owner}/${name}`,
            })),
          },
          more
            ? {
                link: `<https://api.github.com/installation/repositories?per_page=${perPage}&page=${page + 1}>; rel="next"`,
              }
            : {},
        ];
      },
    });
    route("GET /repos/{owner}/{repo}", (repo) => [
      200,
      {
        ...repository,
        name: repo.name,
        full_name: `${this.owner}/${repo.name}`,
        default_branch: "main",
        archived: false,
        language: "JavaScript",
      },
    ]);
    route("GET /repos/{owner}/{repo}/branches/{branch}", (repo, req) => {
      const head = req.params.branch === "main" ? repo.headSha : repo.branches.get(req.params.branch ?? "");
      return head
        ? [200, { ...branch, name: req.params.branch, commit: { ...(branch.commit as object), sha: head } }]
        : [404, githubError(404, "Branch not found")];
    });
    // No repository has a manifest, nor any file onboarding reads.
    route("GET /repos/{owner}/{repo}/contents/{path}", () => [404, githubError(404, "Not Found")]);
    route("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", (_repo, req) => [
      200,
      {
        sha: req.params.tree_sha,
        url: "https://example.invalid",
        truncated: false,
        tree: [{ path: "README.md", mode: "100644", type: "blob", sha: sha("readme"), size: 9 }],
      },
    ]);
    route("GET /repos/{owner}/{repo}/pulls", (repo, req) => {
      const head = String(req.query.head ?? "")
        .split(":")
        .pop();
      const list = repo.pulls.filter((p) => !head || p.head === head).sort((a, b) => b.number - a.number);
      return [200, list.map((pr) => pullBody(repo, pr))];
    });
    route("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", (_repo, req) => [
      200,
      {
        ...commit,
        sha: req.params.commit_sha,
        tree: { ...(commit.tree as object), sha: `tree-${req.params.commit_sha}` },
      },
    ]);
    route("POST /repos/{owner}/{repo}/git/trees", (repo, req) => [
      201,
      { ...tree, sha: sha(`${repo.name}:${JSON.stringify(req.body)}`) },
    ]);
    route("POST /repos/{owner}/{repo}/git/commits", (repo, req) => [
      201,
      { ...created, sha: sha(`${repo.name}:${JSON.stringify(req.body)}`) },
    ]);
    route("POST /repos/{owner}/{repo}/git/refs", (repo, req) => {
      const body = req.body as { ref: string; sha: string };
      const name = body.ref.replace(/^refs\/heads\//, "");
      if (repo.branches.has(name)) return [422, githubError(422, "Reference already exists")];
      repo.branches.set(name, body.sha);
      return [201, { ...ref, ref: body.ref, object: { ...(ref.object as object), sha: body.sha } }];
    });
    route("PATCH /repos/{owner}/{repo}/git/refs/{ref}", (repo, req) => {
      const name = (req.params.ref ?? "").replace(/^heads\//, "");
      if (!repo.branches.has(name)) return [422, githubError(422, "Reference does not exist")];
      const body = req.body as { sha: string };
      repo.branches.set(name, body.sha);
      return [
        200,
        { ...ref, ref: `refs/heads/${name}`, object: { ...(ref.object as object), sha: body.sha } },
      ];
    });
    route("POST /repos/{owner}/{repo}/pulls", (repo, req) => {
      const body = req.body as { head: string; base: string; title: string; body: string };
      if (this.failPullCreation.delete(repo.name)) return [502, githubError(502, "Server Error")];
      if (!repo.branches.has(body.head)) return [422, githubError(422, "Validation Failed")];
      if (repo.pulls.some((p) => p.head === body.head && p.state === "open"))
        return [422, githubError(422, `A pull request already exists for ${this.owner}:${body.head}.`)];
      const pr: FakeOrgPull = { number: this.nextPull++, ...body, state: "open" };
      repo.pulls.push(pr);
      return [201, pullBody(repo, pr)];
    });
    return gh;
  }
}
