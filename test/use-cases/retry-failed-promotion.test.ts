import { openSqliteStore } from "../../src/adapters/storage/open-sqlite-store.js";
import type { ComponentEvidence } from "../../src/domain/maturity/evidence.js";
import { retryFailedPromotion } from "../../src/use-cases/retry-failed-promotion.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { BUILT_AND_TESTED, SHA_A, SHA_B } from "../helpers/maturity-evidence.js";

const REPO = "sofie-iot/gw";

async function world(evidence: ComponentEvidence) {
  const store = openSqliteStore(":memory:");
  const clock = new FakeClock();
  await store.components.compareAndSet(
    { repository: REPO, installationId: 1, evidence, level: 2, updatedAt: clock.now().toISOString() },
    0,
  );
  for (const sha of [SHA_A, SHA_B]) {
    await store.jobs.enqueue(
      { kind: "promote", version: 1, key: `promote:${REPO}:${sha}`, payload: {}, runAfter: clock.now() },
      clock.now(),
    );
    const job = await store.jobs.claim(["promote"], "test", clock.now(), 30_000);
    await store.jobs.fail(job!.id, "test", "401", clock.now());
  }
  return { store, clock };
}

describe("retryFailedPromotion", () => {
  it("queues again only the failed promotion of the latest passing build", async () => {
    const { store, clock } = await world({
      ...BUILT_AND_TESTED,
      registry: {
        repositoriesReady: true,
        policyOk: true,
        lastFailure: { sha: SHA_A, message: "401", action: "renew", at: "t" },
      },
    });
    expect(await retryFailedPromotion({ components: store.components, jobs: store.jobs, clock }, REPO)).toBe(
      1,
    );
    expect((await store.jobs.pending()).map((j) => j.key)).toEqual([`promote:${REPO}:${SHA_A}`]);
    await store.close();
  });

  it("leaves an older build's failed promotion alone: the registry never moves backwards", async () => {
    const { store, clock } = await world({
      ...BUILT_AND_TESTED,
      registry: {
        repositoriesReady: true,
        policyOk: true,
        lastFailure: { sha: SHA_B, message: "401", action: "renew", at: "t" },
      },
    });
    expect(await retryFailedPromotion({ components: store.components, jobs: store.jobs, clock }, REPO)).toBe(
      0,
    );
    expect(await store.jobs.pending()).toEqual([]);
    await store.close();
  });
});
