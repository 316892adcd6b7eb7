import { openSqliteStore } from "../../src/adapters/storage/open-sqlite-store.js";
import { createWritePacer, GITHUB_CONTENT_BUDGETS } from "../../src/use-cases/write-pacer.js";
import { FakeClock, maxInWindow } from "../helpers/fake-clock.js";

describe("createWritePacer", () => {
  it("never lets more than 80 writes into any minute", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    const pacer = createWritePacer(store.writes, clock);
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 400 }, async () => {
        await pacer.acquire();
        times.push(clock.now().getTime());
      }),
    );
    expect(times).toHaveLength(400);
    expect(maxInWindow(times, 60_000)).toBe(GITHUB_CONTENT_BUDGETS[0]!.limit);
    // and it does not wait longer than it must: 400 writes fit in 5 windows
    expect(clock.now().getTime() - Date.parse("2026-11-25T12:00:00Z")).toBeLessThanOrEqual(4 * 60_000 + 100);
    await store.close();
  });

  it("remembers the last minute's writes across a restart", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    await Promise.all(Array.from({ length: 80 }, () => createWritePacer(store.writes, clock).acquire()));
    const start = clock.now().getTime();
    const restarted = createWritePacer(store.writes, clock);
    await restarted.acquire();
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(60_000);
    await store.close();
  });

  it("keeps GitHub's hourly budget too: never more than 500 writes in any hour", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    const pacer = createWritePacer(store.writes, clock);
    const times: number[] = [];
    for (let i = 0; i < 1_100; i++) {
      await pacer.acquire();
      times.push(clock.now().getTime());
    }
    expect(maxInWindow(times, 3_600_000)).toBe(500);
    expect(maxInWindow(times, 60_000)).toBe(80);
    // 1,100 writes: 500 in the first hour, 500 in the second, the rest in the third
    const elapsed = clock.now().getTime() - Date.parse("2026-11-25T12:00:00Z");
    expect(elapsed).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(elapsed).toBeLessThan(2 * 3_600_000 + 10 * 60_000);
    await store.close();
  });

  it("sends an installation's requests one at a time, and a pause recorded by one holds the next", async () => {
    const store = openSqliteStore(":memory:");
    const clock = new FakeClock();
    const pacer = createWritePacer(store.writes, clock);
    const events: string[] = [];
    let release: () => void = () => undefined;
    const first = pacer.send("read", async () => {
      events.push(`first sent at ${clock.now().getTime()}`);
      await new Promise<void>((resolve) => (release = resolve));
      await pacer.pauseFor(30_000); // GitHub answered "secondary rate limit"
      events.push("first answered");
    });
    const second = pacer.send(
      "write",
      async () => void events.push(`second sent at ${clock.now().getTime()}`),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toHaveLength(1);
    release();
    await Promise.all([first, second]);
    const t0 = Date.parse("2026-11-25T12:00:00Z");
    expect(events).toEqual([`first sent at ${t0}`, "first answered", `second sent at ${t0 + 30_000}`]);
    await store.close();
  });
});
