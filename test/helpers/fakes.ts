import type { ArtifactArchive } from "../../src/ports/artifact-archive.js";
import type {
  CheckRunStart,
  CheckRunUpdate,
  CheckRuns,
  ExistingCheckRun,
} from "../../src/ports/check-runs.js";
import type { ArtifactInfo, CiArtifacts } from "../../src/ports/ci-artifacts.js";
import type { RepositoryRef } from "../../src/ports/repository-ref.js";
import type { SourceReader } from "../../src/ports/source-reader.js";
import type { FakePullRequest } from "./fake-repository.js";
import type { IssueTracker, LabelSpec, TopicStore } from "../../src/ports/issue-tracker.js";
import type {
  OnboardingHost,
  OnboardingPullRequest,
  RepositoryInfo,
} from "../../src/ports/onboarding-host.js";

/** A repository held in memory: path → text, at any ref. */
export class FakeSourceReader implements SourceReader {
  readonly treeReads: string[] = [];
  constructor(readonly files: Record<string, string> = {}) {}
  async readFile(_repo: RepositoryRef, path: string): Promise<string | undefined> {
    return this.files[path];
  }
  changed: string[] = [];
  async changedFiles(): Promise<readonly string[]> {
    return this.changed;
  }
  head = "0000000000000000000000000000000000000000";
  async defaultBranchHead(): Promise<string> {
    return this.head;
  }
  async listPaths(_repo: RepositoryRef, ref: string): Promise<readonly string[]> {
    this.treeReads.push(ref);
    return Object.keys(this.files);
  }
}

/** One workflow run's artifact held in memory (or none). */
export class FakeCiArtifacts implements CiArtifacts {
  opened = 0;
  closed = 0;
  constructor(
    readonly entries: Record<string, string | Buffer> | undefined,
    readonly name = "sofie-results",
  ) {}
  async findRunArtifact(
    _repo: RepositoryRef,
    _runId: number,
    name: string,
  ): Promise<ArtifactInfo | undefined> {
    return this.entries && name === this.name ? { id: 1, name, sizeInBytes: 1, expired: false } : undefined;
  }
  async openArtifact(): Promise<ArtifactArchive> {
    this.opened++;
    const entries = this.entries ?? {};
    return {
      entries: Object.entries(entries).map(([name, data]) => ({ name, size: data.length })),
      rejected: [],
      read: (name: string) =>
        (async function* () {
          const data = entries[name];
          yield typeof data === "string" ? Buffer.from(data) : (data ?? Buffer.alloc(0));
        })(),
      close: async () => {
        this.closed++;
      },
    };
  }
}

interface RecordedRun {
  id: number;
  start: CheckRunStart;
  updates: CheckRunUpdate[];
  status: ExistingCheckRun["status"];
}

/** Check runs held in memory, with what was sent to them. */
export class FakeCheckRuns implements CheckRuns {
  readonly runs: RecordedRun[] = [];
  async find(_repo: RepositoryRef, headSha: string, name: string, externalId: string) {
    const run = this.runs.find(
      (r) => r.start.headSha === headSha && r.start.name === name && r.start.externalId === externalId,
    );
    return run ? { id: run.id, status: run.status } : undefined;
  }
  async start(_repo: RepositoryRef, start: CheckRunStart): Promise<number> {
    const id = this.runs.length + 1;
    this.runs.push({ id, start, updates: [], status: "in_progress" });
    return id;
  }
  async update(_repo: RepositoryRef, id: number, update: CheckRunUpdate): Promise<void> {
    const run = this.runs.find((r) => r.id === id);
    if (!run) throw new Error(`no check run ${id}`);
    run.updates.push(update);
    if (update.conclusion) run.status = "completed";
  }
}

/** Issues, labels, comments and reactions held in memory, counting writes. */
export class FakeIssueTracker implements IssueTracker {
  readonly issues: {
    number: number;
    title: string;
    body: string;
    labels: string[];
    state: "open" | "closed";
  }[] = [];
  readonly labels = new Map<string, LabelSpec>();
  readonly comments: { id: number; issue: number; body: string }[] = [];
  readonly reactions: { comment: number; content: string }[] = [];
  writes = 0;
  async findIssuesWithLabel(_repo: RepositoryRef, label: string) {
    return this.issues.filter((i) => i.labels.includes(label)).map((i) => ({ ...i }));
  }
  async getIssue(_repo: RepositoryRef, number: number) {
    const issue = this.issues.find((i) => i.number === number);
    return issue ? { ...issue } : undefined;
  }
  async createIssue(_repo: RepositoryRef, input: { title: string; body: string; labels: readonly string[] }) {
    this.writes++;
    const number = this.issues.length + 1;
    this.issues.push({
      number,
      title: input.title,
      body: input.body,
      labels: [...input.labels],
      state: "open",
    });
    return number;
  }
  async updateIssue(
    _repo: RepositoryRef,
    number: number,
    input: { title: string; body: string; labels: readonly string[] },
  ) {
    this.writes++;
    const issue = this.issues.find((i) => i.number === number);
    if (!issue) throw new Error(`no issue ${number}`);
    Object.assign(issue, { title: input.title, body: input.body, labels: [...input.labels] });
  }
  async ensureLabel(_repo: RepositoryRef, label: LabelSpec) {
    const existing = this.labels.get(label.name);
    if (!existing || existing.color !== label.color || existing.description !== label.description) {
      this.writes++;
      this.labels.set(label.name, label);
    }
  }
  async comment(_repo: RepositoryRef, issue: number, body: string) {
    this.writes++;
    const id = 9000 + this.comments.length;
    this.comments.push({ id, issue, body });
    return id;
  }
  async updateComment(_repo: RepositoryRef, id: number, body: string) {
    this.writes++;
    const comment = this.comments.find((c) => c.id === id);
    if (comment) comment.body = body;
  }
  async react(_repo: RepositoryRef, comment: number, content: string) {
    this.writes++;
    this.reactions.push({ comment, content });
  }
}

/** Repository topics held in memory, counting writes. */
export class FakeTopicStore implements TopicStore {
  writes = 0;
  constructor(public topics: string[] = []) {}
  async getTopics() {
    return [...this.topics];
  }
  async setTopics(_repo: RepositoryRef, names: readonly string[]) {
    this.writes++;
    this.topics = [...names];
  }
}

/** A pull request the fake onboarding host holds. */
export type FakeOnboardingPull = FakePullRequest;

/**
 * A code host held in memory for onboarding: the repository, its branches (each pointing at
 * a commit with files) and pull requests; every write is counted and logged in order.
 */
export class FakeOnboardingHost implements OnboardingHost {
  repository: RepositoryInfo | undefined = { defaultBranch: "main", archived: false, headSha: "base-sha" };
  readonly branches = new Map<string, { sha: string; parent: string; files: Record<string, string> }>();
  readonly pulls: FakeOnboardingPull[] = [];
  /** Each write, in order: `commit <branch>`, `open <head>`, `update #<n>`. */
  readonly writes: string[] = [];
  private commits = 0;

  async getRepository(): Promise<RepositoryInfo | undefined> {
    return this.repository;
  }
  async findPullRequest(_repo: RepositoryRef, branch: string): Promise<OnboardingPullRequest | undefined> {
    const pr = this.pulls.filter((p) => p.head === branch).sort((a, b) => b.number - a.number)[0];
    if (!pr) return undefined;
    return {
      number: pr.number,
      state: pr.state,
      merged: pr.merged,
      body: pr.body,
      headSha: this.branches.get(branch)?.sha ?? "0".repeat(40),
    };
  }
  async commitToBranch(
    _repo: RepositoryRef,
    branch: string,
    baseSha: string,
    files: Readonly<Record<string, string>>,
    _message: string,
  ): Promise<string> {
    this.writes.push(`commit ${branch}`);
    const sha = `commit-${++this.commits}`;
    this.branches.set(branch, { sha, parent: baseSha, files: { ...files } });
    return sha;
  }
  /** Someone else (a developer) pushes to a branch. */
  pushByHand(branch: string, files: Record<string, string>): void {
    const current = this.branches.get(branch);
    if (!current) throw new Error(`no branch ${branch}`);
    this.branches.set(branch, { sha: `hand-${++this.commits}`, parent: current.sha, files });
  }
  async openPullRequest(
    _repo: RepositoryRef,
    input: { head: string; base: string; title: string; body: string },
  ): Promise<number> {
    this.writes.push(`open ${input.head}`);
    if (!this.branches.has(input.head)) throw new Error(`no branch ${input.head}`);
    const open = this.pulls.find((p) => p.head === input.head && p.state === "open");
    if (open) throw new Error(`a pull request already exists for ${input.head}`);
    const number = 1 + this.pulls.length;
    this.pulls.push({ number, ...input, state: "open", merged: false });
    return number;
  }
  async updatePullRequest(
    _repo: RepositoryRef,
    number: number,
    input: { title: string; body: string },
  ): Promise<void> {
    this.writes.push(`update #${number}`);
    const pr = this.pulls.find((p) => p.number === number);
    if (!pr) throw new Error(`no pull request ${number}`);
    Object.assign(pr, input);
  }
}
