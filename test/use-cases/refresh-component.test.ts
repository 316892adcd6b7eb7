import { openSqliteStore } from "../../src/adapters/storage/open-sqlite-store.js";
import { DEFAULT_LADDER } from "../../src/domain/maturity/default-ladder.js";
import { DEFAULT_POLICY } from "../../src/config/policy.js";
import { refreshComponent as record, type RefreshContext } from "../../src/use-cases/refresh-component.js";
import { publishComponent, PUBLISH_JOB, type PublishDeps } from "../../src/use-cases/publish-component.js";
import type { ComponentEvidence } from "../../src/domain/maturity/evidence.js";
import type { RepositoryRef } from "../../src/ports/repository-ref.js";
import type { Store } from "../../src/ports/store.js";
import { NotPermittedError } from "../../src/ports/issue-tracker.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { FakeCheckRuns, FakeIssueTracker, FakeTopicStore } from "../helpers/fakes.js";
import {
  BUILT_AND_TESTED,
  LOWERED_BY_FAILING_BUILD,
  NEW_COMPONENT,
  SHA_A,
} from "../helpers/maturity-evidence.js";

const repo = { owner: "sofie-iot", repo: "flexibility-gateway" };
const context: RefreshContext = { installationId: 7, ladder: DEFAULT_LADDER };

/** Records the evidence, then runs the publish job it asked for, as the job runner would. */
async function refreshComponent(
  deps: PublishDeps & { jobs: Store["jobs"] },
  ref: RepositoryRef,
  patch: Partial<ComponentEvidence>,
  ctx: RefreshContext,
) {
  const result = await record(deps, ref, patch, ctx);
  const claim = () => deps.jobs.claim([PUBLISH_JOB], "test", deps.clock.now(), 30_000);
  for (let job = await claim(); job; job = await claim()) {
    await publishComponent(deps, ref, job.payload as { previousLevel?: number });
    await deps.jobs.complete(job.id, "test", deps.clock.now());
  }
  return result;
}

function setup(store: Store) {
  const issues = new FakeIssueTracker();
  const topics = new FakeTopicStore(["iot", "sofie-level-0"]);
  const checks = new FakeCheckRuns();
  const deps = {
    issues,
    topics,
    checks,
    components: store.components,
    jobs: store.jobs,
    clock: new FakeClock(),
    log: { warn: (_obj: object, _msg: string): void => undefined },
    policy: async () => ({ policy: DEFAULT_POLICY, ladder: DEFAULT_LADDER }),
  };
  return { issues, topics, checks, deps };
}

describe("refreshComponent", () => {
  it("takes a component to level 2 and shows it in the topic, the status issue, its label and the check run", async () => {
    const store = openSqliteStore(":memory:");
    const { deps, issues, topics, checks } = setup(store);
    const result = await refreshComponent(deps, repo, BUILT_AND_TESTED, context);
    expect(result.evaluation.level).toBe(2);
    expect(topics.topics).toEqual(["iot", "sofie-level-2"]);
    expect(issues.issues).toHaveLength(1);
    expect(issues.issues[0]?.labels).toEqual(["sofie-status", "sofie-level-2"]);
    expect(issues.issues[0]?.title).toContain("level 2");
    expect(checks.runs).toHaveLength(1);
    expect(checks.runs[0]?.start).toMatchObject({ name: "SOFIE maturity", headSha: SHA_A });
    expect((await store.components.get("sofie-iot/flexibility-gateway"))?.level).toBe(2);
    await store.close();
  });

  it("writes nothing when the same evidence arrives again, even after a restart", async () => {
    const store = openSqliteStore(":memory:");
    const first = setup(store);
    await refreshComponent(first.deps, repo, BUILT_AND_TESTED, context);
    const again = setup(store);
    again.issues.issues.push(...first.issues.issues);
    for (const [k, v] of first.issues.labels) again.issues.labels.set(k, v);
    again.topics.topics = first.topics.topics;
    await refreshComponent(again.deps, repo, BUILT_AND_TESTED, context);
    expect(again.issues.writes + again.topics.writes + again.checks.runs.length).toBe(0);
    await store.close();
  });

  it("lowers the level on a failing build and says why", async () => {
    const store = openSqliteStore(":memory:");
    const { deps, issues, topics } = setup(store);
    await refreshComponent(deps, repo, BUILT_AND_TESTED, context);
    const result = await refreshComponent(deps, repo, LOWERED_BY_FAILING_BUILD, context);
    expect(result.previousLevel).toBe(2);
    expect(result.evaluation.level).toBe(1);
    expect(topics.topics).toEqual(["iot", "sofie-level-1"]);
    expect(issues.issues).toHaveLength(1);
    expect(issues.issues[0]?.body).toMatch(/failed/);
    await store.close();
  });

  it("merges evidence patches over what the store holds", async () => {
    const store = openSqliteStore(":memory:");
    const { deps } = setup(store);
    await refreshComponent(deps, repo, NEW_COMPONENT, context);
    const result = await refreshComponent(
      deps,
      repo,
      { push: { sha: SHA_A, at: "2026-11-25T10:00:00Z", branch: "main" } },
      context,
    );
    expect(result.evidence.manifest?.valid).toBe(true);
    expect(result.evaluation.level).toBe(1);
    await store.close();
  });
});

describe("evidence first", () => {
  it("keeps the evidence when GitHub fails to publish it, and publishing again catches up", async () => {
    const store = openSqliteStore(":memory:");
    const { deps, issues } = setup(store);
    const createIssue = issues.createIssue.bind(issues);
    issues.createIssue = async () => {
      throw Object.assign(new Error("Bad Gateway"), { status: 502 });
    };
    await record(deps, repo, BUILT_AND_TESTED, context);
    const job = await store.jobs.claim([PUBLISH_JOB], "test", deps.clock.now(), 30_000);
    await expect(publishComponent(deps, repo, {})).rejects.toThrow("Bad Gateway");
    expect(await store.components.get("sofie-iot/flexibility-gateway")).toMatchObject({
      level: 2,
      evidence: BUILT_AND_TESTED,
    });
    issues.createIssue = createIssue;
    expect(await publishComponent(deps, repo, job!.payload as object)).toBe("published");
    expect(issues.issues).toHaveLength(1);
    expect(issues.issues[0]?.title).toContain("level 2");
    await store.close();
  });

  it("shows nothing for a repository that has not merged its manifest", async () => {
    const store = openSqliteStore(":memory:");
    const { deps, issues, topics } = setup(store);
    await refreshComponent(deps, repo, { installation: { contentsAccess: "read" } }, context);
    expect(issues.writes + topics.writes).toBe(0);
    await store.close();
  });
});

describe("refreshComponent without the administration permission", () => {
  it("still writes the status issue and the check run, and logs why the topic is missing", async () => {
    const store = openSqliteStore(":memory:");
    const { deps, issues, topics, checks } = setup(store);
    const warnings: string[] = [];
    topics.setTopics = async () => {
      throw new NotPermittedError(
        "GitHub refused to set topics: the app needs the administration permission",
      );
    };
    await refreshComponent(
      { ...deps, log: { warn: (_o: object, msg: string) => void warnings.push(msg) } },
      repo,
      BUILT_AND_TESTED,
      context,
    );
    expect(issues.issues).toHaveLength(1);
    expect(checks.runs).toHaveLength(1);
    expect(warnings).toEqual(["level topic not set"]);
    await store.close();
  });
});
