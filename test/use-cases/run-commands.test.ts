import { DEFAULT_LADDER } from "../../src/domain/maturity/default-ladder.js";
import { evaluateMaturity } from "../../src/domain/maturity/evaluate-maturity.js";
import type { RepositoryRole } from "../../src/ports/access-control.js";
import { runCommands, type CommentInput } from "../../src/use-cases/run-commands.js";
import { FakeIssueTracker } from "../helpers/fakes.js";
import { liveMentions } from "../helpers/live-mentions.js";
import { BUILT_AND_TESTED, SHA_B } from "../helpers/maturity-evidence.js";
import { writeOutput } from "../unit/render/sample-reports.js";

const repo = { owner: "sofie-iot", repo: "gw" };
const base: CommentInput = {
  repo,
  issueNumber: 3,
  commentId: 55,
  body: "/status",
  author: "alice",
  authorType: "User",
  onboarded: true,
};

function setup(role: RepositoryRole = "read", maintainers: string[] = []) {
  const issues = new FakeIssueTracker();
  const calls = { evaluate: 0, onboard: 0, roles: 0, membership: 0, promote: 0 };
  const audit: { command: string; actor: string; outcome: string }[] = [];
  const deps = {
    issues,
    maintainersTeam: "@sofie-iot/lmf-maintainers",
    isMaintainer: async (user: string) => {
      calls.membership++;
      return maintainers.includes(user);
    },
    promote: async () => {
      calls.promote++;
      return { outcome: "done" as const, message: "Promotion queued", details: { sha: "abc" } };
    },
    retryFailedPromotions: async () => 1,
    setHold: async (hold: boolean) => ({ outcome: "done" as const, message: hold ? "held" : "released" }),
    audit: async (entry: { command: string; actor: string; outcome: string }) => void audit.push(entry),
    access: {
      roleOf: async () => {
        calls.roles++;
        return role;
      },
    },
    evaluate: async () => {
      calls.evaluate++;
      return evaluateMaturity(DEFAULT_LADDER, BUILT_AND_TESTED, { now: "2026-11-25T12:00:00Z" });
    },
    onboard: async () => {
      calls.onboard++;
      return {
        outcome: "done" as const,
        message: "Onboarding queued: the pull request follows in this reply.",
      };
    },
  };
  return { deps, issues, calls, audit };
}

describe("runCommands", () => {
  it("reacts, re-evaluates and replies with the level for /status", async () => {
    const { deps, issues, calls } = setup();
    const outcome = await runCommands(deps, base);
    expect(outcome.status).toBe("answered");
    expect(issues.reactions).toEqual([{ comment: 55, content: "eyes" }]);
    expect(calls.evaluate).toBe(1);
    expect(issues.comments[0]?.body).toContain("Level 2: Built and tested");
  });

  it("ignores comments by bots and comments without a command", async () => {
    const { deps, issues } = setup();
    expect(await runCommands(deps, { ...base, author: "renovate[bot]", authorType: "Bot" })).toMatchObject({
      status: "ignored",
    });
    expect(await runCommands(deps, { ...base, body: "LGTM, thanks!\n/unknown-bot-command" })).toMatchObject({
      status: "ignored",
    });
    expect(issues.writes).toBe(0);
  });

  it("refuses /promote from someone who is not an active maintainer, politely, asking GitHub each time", async () => {
    const { deps, issues, calls, audit } = setup("admin");
    const outcome = await runCommands(deps, { ...base, body: "/promote" });
    expect(outcome).toMatchObject({ results: [{ outcome: "refused" }] });
    expect(calls.membership).toBe(1);
    expect(calls.promote).toBe(0);
    // The team is named, not mentioned: anyone could otherwise make the bot ping it.
    expect(issues.comments[0]?.body).toContain("only active members of `sofie-iot/lmf-maintainers`");
    expect(liveMentions(issues.comments[0]?.body ?? "")).toEqual(["@alice"]);
    expect(audit).toEqual([
      expect.objectContaining({ command: "/promote", actor: "alice", outcome: "refused" }),
    ]);
  });

  it("runs /promote for a maintainer and records it in the audit log with its details", async () => {
    const { deps, calls, audit } = setup("read", ["alice"]);
    await runCommands(deps, { ...base, body: "/promote registry" });
    expect(calls.promote).toBe(1);
    expect(audit).toEqual([
      expect.objectContaining({ command: "/promote registry", outcome: "done", details: { sha: "abc" } }),
    ]);
  });

  it("refuses maintainers' commands when the policy names no maintainers team", async () => {
    const { deps, calls } = setup("admin", ["alice"]);
    const outcome = await runCommands({ ...deps, maintainersTeam: undefined } as never, {
      ...base,
      body: "/hold",
    });
    expect(outcome).toMatchObject({
      results: [{ outcome: "refused", message: expect.stringMatching(/no maintainers team/) }],
    });
    expect(calls.membership).toBe(0);
  });

  it("answers /rollback that deployments are not available yet, for a maintainer", async () => {
    const { deps, issues } = setup("read", ["alice"]);
    await runCommands(deps, { ...base, body: "/rollback staging" });
    expect(issues.comments[0]?.body).toMatch(/not available yet/);
  });

  it("asks GitHub for write access before /retry, and refuses a reader politely", async () => {
    const { deps, issues, calls } = setup("read");
    const outcome = await runCommands(deps, { ...base, body: "/retry" });
    expect(calls.roles).toBe(1);
    expect(calls.evaluate).toBe(0);
    expect(outcome).toMatchObject({ results: [{ outcome: "refused" }] });
    expect(issues.comments[0]?.body).toMatch(/you have read access/);
  });

  it("re-queues failed promotions on /retry from a writer", async () => {
    const { deps, issues } = setup("write");
    await runCommands(deps, { ...base, body: "/retry" });
    expect(issues.comments[0]?.body).toContain("Queued 1 failed promotion again.");
  });

  it("lets a writer /onboard a repository that is not onboarded, and nothing else there", async () => {
    const { deps, calls, issues } = setup("write");
    await runCommands(deps, { ...base, onboarded: false, body: "/onboard\n/status" });
    expect(calls.onboard).toBe(1);
    expect(calls.evaluate).toBe(0);
    expect(issues.comments[0]?.body).toContain("Onboarding queued");
  });

  it("replies with the valid forms for a bad argument", async () => {
    const { deps, issues } = setup();
    await runCommands(deps, { ...base, body: "/promote prod" });
    expect(issues.comments[0]?.body).toMatch(/registry|staging|production/);
  });

  it("mentions only the author in a reply, whatever the comment and the results echo", async () => {
    const { deps, issues } = setup("admin", ["alice"]);
    const hostile = {
      ...deps,
      promote: async () => ({
        outcome: "refused" as const,
        message: "images.json names `@octocat/img` and @sofie-iot/lmf-maintainers: @octocat",
      }),
      evaluate: async () =>
        evaluateMaturity(
          {
            levels: DEFAULT_LADDER.levels.map((l) => ({ ...l, name: `${l.name} @octocat` })),
          },
          {
            ...BUILT_AND_TESTED,
            dockerfile: {
              sha: SHA_B,
              findings: [
                { file: "Dockerfile", line: 1, column: 1, severity: "error" as const, message: "@octocat" },
              ],
            },
          },
        ),
    };
    const body = "/promote @sofie-iot/lmf-maintainers\n/promote\n/status";
    await runCommands(hostile, { ...base, body });
    const reply = issues.comments[0]?.body ?? "";
    writeOutput("mentions-command-reply", reply);
    expect(reply).toMatch(/^@alice\n/);
    expect(reply).toContain("octocat");
    expect(new Set(liveMentions(reply))).toEqual(new Set(["@alice"]));
  });
});
