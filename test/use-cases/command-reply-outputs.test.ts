/**
 * The replies to comment commands, as `runCommands` posts them, written to
 * test/__outputs__/command-reply-*.md (committed) so that reviewers read the real text.
 */
import { DEFAULT_LADDER } from "../../src/domain/maturity/default-ladder.js";
import { evaluateMaturity } from "../../src/domain/maturity/evaluate-maturity.js";
import type { RepositoryRole } from "../../src/ports/access-control.js";
import { runCommands, type CommandDeps } from "../../src/use-cases/run-commands.js";
import { FakeIssueTracker } from "../helpers/fakes.js";
import { BUILT_AND_TESTED, LOWERED_BY_FAILING_BUILD } from "../helpers/maturity-evidence.js";
import { writeOutput } from "../unit/render/sample-reports.js";

const repo = { owner: "sofie-iot", repo: "flexibility-gateway" };
const NOW = { now: "2026-11-25T12:00:00Z" };

interface World {
  readonly role?: RepositoryRole;
  readonly maintainer?: boolean;
  readonly team?: string | undefined;
  readonly evidence?: typeof BUILT_AND_TESTED | undefined;
}

/** Runs one comment through the command framework and returns the reply it left. */
async function reply(body: string, world: World = {}): Promise<string> {
  const issues = new FakeIssueTracker();
  const team = "team" in world ? world.team : "@sofie-iot/lmf-maintainers";
  const deps: CommandDeps = {
    issues,
    access: { roleOf: async () => world.role ?? "write" },
    ...(team === undefined ? {} : { maintainersTeam: team }),
    isMaintainer: async () => world.maintainer ?? true,
    promote: async () => ({ outcome: "done", message: "Promotion queued" }),
    retryFailedPromotions: async () => 1,
    setHold: async () => ({ outcome: "done", message: "Automatic promotions are on hold." }),
    audit: async () => undefined,
    evaluate: async () => {
      const evidence = "evidence" in world ? world.evidence : BUILT_AND_TESTED;
      return evidence && evaluateMaturity(DEFAULT_LADDER, evidence, NOW);
    },
    onboard: async () => ({ outcome: "done", message: "Onboarding queued." }),
  };
  await runCommands(deps, {
    repo,
    issueNumber: 3,
    commentId: 55,
    body,
    author: "alice",
    authorType: "User",
    onboarded: true,
  });
  expect(issues.comments).toHaveLength(1);
  return issues.comments[0]?.body ?? "";
}

describe("command replies", () => {
  it("/help lists every command", async () => {
    const text = await reply("/help", { role: "read", maintainer: false });
    writeOutput("command-reply-help", text);
    expect(text).toMatch(/^@alice\n\n✅ `\/help`\n\n\| command \| who may \| effect \|/);
  });

  it("/status shows the level and its checklist; /retry says what it queued first", async () => {
    const status = await reply("/status", { evidence: LOWERED_BY_FAILING_BUILD });
    const retry = await reply("/retry");
    const nothing = await reply("/status", { evidence: undefined });
    writeOutput("command-reply-status", [status, retry, nothing].join("\n\n<!-- next reply -->\n\n"));
    expect(status).toContain("Level 1: Connected.");
    expect(retry).toMatch(/Queued 1 failed promotion again\.\n\nLevel 2/);
    expect(nothing).toContain("no valid `.sofie/component.yml`");
  });

  it("refusals say who may and why not; unknown forms and later commands say so too", async () => {
    const outsider = await reply("/promote\n/retry\n/promote sideways\n/rollback staging", {
      role: "read",
      maintainer: false,
    });
    const noTeam = await reply("/hold", { team: undefined });
    const later = await reply("/rollback production");
    writeOutput("command-reply-refusals", [outsider, noTeam, later].join("\n\n<!-- next reply -->\n\n"));
    expect(outsider.match(/⛔/g)).toHaveLength(3);
    expect(outsider).toContain("❓");
    expect(outsider).toContain("you have read access");
    expect(noTeam).toContain("no maintainers team is named");
    expect(later).toContain("🚧");
  });
});
