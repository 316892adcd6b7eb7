/**
 * A stateful stand-in for one GitHub repository, served by the fake GitHub server: files
 * per commit, check runs, workflow-run artifacts and the tree. Every response is built
 * from GitHub's own example in the OpenAPI description, with the fields we need set, so the
 * fake server's response validation keeps the shapes honest.
 */
import { scopeRoutes, type FakeGitHub, type FakeRequest, type FakeResponse } from "./fake-github-server.js";
import { responseExample } from "./openapi.js";
import { installGitRoutes } from "./fake-repository-git.js";
import { installIssueRoutes } from "./fake-repository-issues.js";

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string | null;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null; annotations: unknown[] };
  updates: number;
}

export interface FakePullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: "open" | "closed";
  merged: boolean;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
}

export class FakeRepository {
  readonly checkRuns: FakeCheckRun[] = [];
  /** path → content on the default branch (and at every commit the tests name). */
  readonly files = new Map<string, string>();
  defaultBranch = "main";
  headSha = "1111111111111111111111111111111111111111";
  archived = false;
  /** branch → its files and head commit (branches other than the default one). */
  readonly branches = new Map<string, { sha: string; files: Map<string, string> }>();
  /** commit sha → the files it holds (commits the app created). */
  readonly commits = new Map<string, Map<string, string>>();
  readonly trees = new Map<string, Map<string, string>>();
  readonly pulls: FakePullRequest[] = [];
  readonly issues: FakeIssue[] = [];
  readonly labels = new Map<string, { name: string; color: string; description: string | null }>();
  readonly comments: { id: number; issue: number; body: string }[] = [];
  /** Every edit of a comment, in order (the comments keep their latest body). */
  readonly commentEdits: { id: number; body: string }[] = [];
  readonly reactions: { comment: number; content: string }[] = [];
  topics: string[] = [];
  /** username → role (`admin`, `maintain`, `write`, `triage`, `read`). */
  readonly roles = new Map<string, string>();
  /** pull number → changed paths. */
  readonly pullFiles = new Map<number, string[]>();

  /** Files at a ref: a branch, a commit the app made, else the default branch's. */
  filesAt(ref: string): Map<string, string> {
    return this.branches.get(ref)?.files ?? this.commits.get(ref) ?? this.files;
  }

  /** Merges a pull request: its branch's files become the default branch's, at a new head commit. */
  merge(number: number, newSha: string): void {
    const pr = this.pulls.find((p) => p.number === number);
    const branch = pr ? this.branches.get(pr.head) : undefined;
    if (!pr || !branch) throw new Error(`cannot merge #${number}`);
    for (const [path, content] of branch.files) this.files.set(path, content);
    pr.state = "closed";
    pr.merged = true;
    this.headSha = newSha;
  }
  /** run id → artifacts (name, zip bytes). */
  readonly artifacts = new Map<number, { id: number; name: string; zip: Buffer }[]>();

  constructor(
    readonly owner: string,
    readonly repo: string,
  ) {}

  install(server: FakeGitHub): this {
    server.installationRepositories.push(`${this.owner}/${this.repo}`);
    const mine = (req: FakeRequest) => req.params.owner === this.owner && req.params.repo === this.repo;
    // Requests for other repositories go to the repository installed before this one, if any.
    const gh = scopeRoutes(server, mine);
    const notFound: FakeResponse = {
      status: 404,
      body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
    };

    gh.route("GET /repos/{owner}/{repo}/contents/{path}", (req) => {
      const content = mine(req)
        ? this.filesAt(String(req.query.ref ?? this.defaultBranch)).get(req.params.path ?? "")
        : undefined;
      if (content === undefined) return notFound;
      const base = example("GET", "/repos/o/r/contents/README.md", 200) as Record<string, unknown>;
      const bytes = Buffer.from(content);
      return {
        status: 200,
        body: {
          ...base,
          type: "file",
          encoding: "base64",
          size: bytes.length,
          name: req.params.path?.split("/").pop(),
          path: req.params.path,
          content: bytes.toString("base64"),
        },
      };
    });

    gh.route("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", (req) => {
      if (!mine(req)) return notFound;
      const tree = [...this.filesAt(req.params.tree_sha ?? "").keys()].map((path) => ({
        path,
        mode: "100644",
        type: "blob",
        sha: "0".repeat(40),
        size: 1,
        url: "https://example.invalid",
      }));
      return {
        status: 200,
        body: { sha: req.params.tree_sha, url: "https://example.invalid", tree, truncated: false },
      };
    });

    gh.route("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", (req) => {
      if (!mine(req)) return notFound;
      const runs = this.checkRuns.filter(
        (run) =>
          run.head_sha === req.params.ref && (!req.query.check_name || run.name === req.query.check_name),
      );
      return {
        status: 200,
        body: { total_count: runs.length, check_runs: runs.map((run) => checkRunBody(run, this)) },
      };
    });

    gh.route("POST /repos/{owner}/{repo}/check-runs", (req) => {
      if (!mine(req)) return notFound;
      const body = req.body as Record<string, unknown>;
      const output = (body.output ?? {}) as { title?: string; summary?: string; annotations?: unknown[] };
      const run: FakeCheckRun = {
        id: 1000 + this.checkRuns.length,
        name: String(body.name),
        head_sha: String(body.head_sha),
        external_id: (body.external_id as string | undefined) ?? null,
        status: String(body.status ?? "queued"),
        conclusion: (body.conclusion as string | undefined) ?? null,
        output: {
          title: output.title ?? null,
          summary: output.summary ?? null,
          annotations: output.annotations ?? [],
        },
        updates: 0,
      };
      if (run.conclusion) run.status = "completed";
      this.checkRuns.push(run);
      return { status: 201, body: checkRunBody(run, this) };
    });

    gh.route("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", (req) => {
      const run = mine(req)
        ? this.checkRuns.find((r) => r.id === Number(req.params.check_run_id))
        : undefined;
      if (!run) return notFound;
      const body = req.body as Record<string, unknown>;
      const output = body.output as { title?: string; summary?: string; annotations?: unknown[] } | undefined;
      if (output) {
        run.output.title = output.title ?? run.output.title;
        run.output.summary = output.summary ?? run.output.summary;
        run.output.annotations.push(...(output.annotations ?? []));
      }
      if (body.status) run.status = String(body.status);
      if (body.conclusion) {
        run.conclusion = String(body.conclusion);
        run.status = "completed";
      }
      run.updates++;
      return { status: 200, body: checkRunBody(run, this) };
    });

    gh.route("GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts", (req) => {
      if (!mine(req)) return notFound;
      const list = (this.artifacts.get(Number(req.params.run_id)) ?? []).filter(
        (a) => !req.query.name || a.name === req.query.name,
      );
      const base = (
        example("GET", "/repos/o/r/actions/runs/1/artifacts", 200) as { artifacts: Record<string, unknown>[] }
      ).artifacts[0];
      return {
        status: 200,
        body: {
          total_count: list.length,
          artifacts: list.map((a) => ({
            ...base,
            id: a.id,
            name: a.name,
            size_in_bytes: a.zip.length,
            expired: false,
          })),
        },
      };
    });

    gh.route("GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}", (req) => {
      const artifact = [...this.artifacts.values()]
        .flat()
        .find((a) => a.id === Number(req.params.artifact_id));
      if (!mine(req) || !artifact) return notFound;
      return { status: 302, headers: { location: gh.blob(artifact.zip) } };
    });
    installGitRoutes(gh, this);
    installIssueRoutes(gh, this);
    return this;
  }

  addArtifact(runId: number, name: string, zip: Buffer): number {
    const id = 5000 + [...this.artifacts.values()].flat().length;
    this.artifacts.set(runId, [...(this.artifacts.get(runId) ?? []), { id, name, zip }]);
    return id;
  }
}

export function example(method: string, path: string, status: number): unknown {
  return responseExample({ method, path, status });
}

function checkRunBody(run: FakeCheckRun, repo: FakeRepository): Record<string, unknown> {
  const base = example("POST", "/repos/o/r/check-runs", 201) as Record<string, unknown>;
  return {
    ...base,
    id: run.id,
    name: run.name,
    head_sha: run.head_sha,
    external_id: run.external_id,
    status: run.status,
    conclusion: run.conclusion,
    url: `https://api.github.com/repos/${repo.owner}/${repo.repo}/check-runs/${run.id}`,
    output: {
      ...(base.output as object),
      title: run.output.title,
      summary: run.output.summary,
      annotations_count: run.output.annotations.length,
    },
  };
}
