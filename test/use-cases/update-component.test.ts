import { openSqliteStore } from "../../src/adapters/storage/open-sqlite-store.js";
import type { ComponentStore } from "../../src/ports/store.js";
import { ConcurrentUpdateError, updateComponent } from "../../src/use-cases/update-component.js";
import { FakeClock } from "../helpers/fake-clock.js";

const REPO = "sofie-iot/gw";

/** A store where another replica writes just before each of this process's writes, `times` times. */
function racedBy(
  components: ComponentStore,
  times: number,
  write: (n: number) => Promise<unknown>,
): ComponentStore {
  let left = times;
  return {
    ...components,
    async compareAndSet(record, expected) {
      if (left > 0) await write(times - left--);
      return components.compareAndSet(record, expected);
    },
  };
}

describe("updateComponent", () => {
  it("decides again on the fresh record when another writer got there first, and keeps its evidence", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    await updateComponent({ components: store.components, clock }, REPO, 1, () => ({
      evidence: { push: { sha: "a", at: "t" } },
      result: undefined,
    }));
    // The other replica records a hold between this writer's read and its write.
    const components = racedBy(store.components, 1, async () => {
      const fresh = await store.components.get(REPO);
      await store.components.compareAndSet(
        { ...fresh!, evidence: { ...(fresh!.evidence as object), hold: true } },
        fresh!.version,
      );
    });
    const seen: unknown[] = [];
    const update = await updateComponent({ components, clock }, REPO, 1, (evidence) => {
      seen.push(evidence.hold);
      return { evidence: { ...evidence, push: { sha: "b", at: "t" } }, result: evidence.hold === true };
    });
    expect(seen).toEqual([undefined, true]);
    expect(update.result).toBe(true);
    expect((await store.components.get(REPO))?.evidence).toEqual({ push: { sha: "b", at: "t" }, hold: true });
    expect(update.after?.version).toBe(3);
    await store.close();
  });

  it("writes nothing when the decision has no evidence", async () => {
    const store = openSqliteStore(":memory:");
    const update = await updateComponent(
      { components: store.components, clock: new FakeClock() },
      REPO,
      1,
      () => ({
        result: "nothing",
      }),
    );
    expect(update).toMatchObject({ written: false, result: "nothing" });
    expect(await store.components.get(REPO)).toBeUndefined();
    await store.close();
  });

  it("gives up with a clear error when the record never stops changing", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    const components = racedBy(store.components, 1000, async (n) => {
      const fresh = await store.components.get(REPO);
      await store.components.compareAndSet(
        { repository: REPO, installationId: 1, evidence: { n }, level: 0, updatedAt: "x" },
        fresh?.version ?? 0,
      );
    });
    await expect(
      updateComponent({ components, clock }, REPO, 1, (e) => ({ evidence: { ...e, hold: true }, result: 0 })),
    ).rejects.toThrow(ConcurrentUpdateError);
    await store.close();
  });
});
