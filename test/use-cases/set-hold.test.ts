import type { ComponentEvidence } from "../../src/domain/maturity/evidence.js";
import { setHold } from "../../src/use-cases/set-hold.js";
import { BUILT_AND_TESTED, DIGEST, SHA_A, SHA_B } from "../helpers/maturity-evidence.js";

const promotedA: ComponentEvidence = {
  ...BUILT_AND_TESTED,
  registry: { repositoriesReady: true, policyOk: true, pushed: { sha: SHA_A, digests: {}, at: "t" } },
};
/** Level 3 with A, then B passed while promotions were held. */
const passedDuringHold: ComponentEvidence = {
  ...promotedA,
  hold: true,
  ci: { ...BUILT_AND_TESTED.ci!, sha: SHA_B, runId: 1300 },
  images: { ...BUILT_AND_TESTED.images!, sha: SHA_B },
};

function deps(evidence: ComponentEvidence) {
  const asked: ComponentEvidence[] = [];
  return {
    asked,
    deps: {
      record: async (hold: boolean) => ({ ...evidence, hold }),
      promoteLatest: async (fresh: ComponentEvidence) => {
        asked.push(fresh);
        return {
          outcome: "done" as const,
          message: `Promotion of ${fresh.ci!.sha.slice(0, 7)} to the registry queued: \`gw@${DIGEST.slice(0, 19)}…\`.`,
          details: { sha: fresh.ci!.sha },
        };
      },
    },
  };
}

describe("setHold", () => {
  it("/unhold queues the build that passed during the hold and says so", async () => {
    const { deps: d, asked } = deps(passedDuringHold);
    const result = await setHold(d, false);
    expect(asked).toHaveLength(1);
    expect(result.message).toContain("Catching up: Promotion of def5678");
    expect(result.details).toEqual({ sha: SHA_B });
  });

  it("/unhold queues nothing when the registry holds the latest passing build", async () => {
    const { deps: d, asked } = deps({ ...promotedA, hold: true });
    expect((await setHold(d, false)).message).toContain("already holds the latest passing build");
    expect(asked).toEqual([]);
  });

  it("/unhold queues nothing before the first promotion (automatic promotion is not on)", async () => {
    const { deps: d, asked } = deps({ ...BUILT_AND_TESTED, hold: true });
    await setHold(d, false);
    expect(asked).toEqual([]);
  });

  it("/unhold does not re-run a promotion that failed for good, and points at /retry", async () => {
    const failed: ComponentEvidence = {
      ...passedDuringHold,
      registry: {
        ...passedDuringHold.registry!,
        lastFailure: { sha: SHA_B, message: "401 unauthorized", action: "renew", at: "t" },
      },
    };
    const { deps: d, asked } = deps(failed);
    expect((await setHold(d, false)).message).toMatch(/failed to promote: 401 unauthorized.*\/retry/);
    expect(asked).toEqual([]);
  });

  it("/hold queues nothing", async () => {
    const { deps: d, asked } = deps(passedDuringHold);
    expect((await setHold(d, true)).message).toContain("on hold");
    expect(asked).toEqual([]);
  });
});
