import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../../src/adapters/storage/open-sqlite-store.js";
import { runAuditCommand } from "../../src/cli/audit-command.js";
import type { CliIo } from "../../src/cli/cli-io.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sofie-audit-"));
  const store = openSqliteStore(join(dir, "sofie.sqlite"));
  await store.audit.append({
    at: "2026-11-25T12:00:00Z",
    repository: "o/a",
    actor: "mallory",
    command: "/promote",
    outcome: "refused",
    message: "not a maintainer",
  });
  await store.audit.append({
    at: "2026-11-25T12:01:00Z",
    repository: "o/b",
    actor: "maria",
    command: "/promote",
    outcome: "done",
    details: { sha: "abc", digests: { gw: `sha256:${"a".repeat(64)}` } },
  });
  await store.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function audit(args: string[], database = join(dir, "sofie.sqlite")) {
  const io = { out: "", err: "" };
  const cli: CliIo = {
    stdout: (t) => void (io.out += t),
    stderr: (t) => void (io.err += t),
    readFile: () => (async function* () {})(),
  };
  return { code: await runAuditCommand(args, cli, { SOFIE_DATABASE: database }), ...io };
}

describe("sofie-bot audit", () => {
  it("prints who did what, when, with what outcome and digests", async () => {
    const { code, out } = await audit([]);
    expect(code).toBe(0);
    expect(out.trim().split("\n")).toEqual([
      "2026-11-25T12:00:00Z o/a @mallory /promote → refused",
      `2026-11-25T12:01:00Z o/b @maria /promote → done gw@sha256:${"a".repeat(64)}`,
    ]);
  });

  it("filters by repository and prints JSON", async () => {
    const { out } = await audit(["--repo", "o/b", "--json"]);
    expect(JSON.parse(out)).toEqual({
      entries: [
        expect.objectContaining({ actor: "maria", details: expect.objectContaining({ sha: "abc" }) }),
      ],
    });
  });

  it("exits 2 without a database and 1 on bad usage", async () => {
    expect((await audit([], join(dir, "missing.sqlite"))).code).toBe(2);
    expect((await audit(["--repo"])).code).toBe(1);
    expect((await audit(["--bogus"])).code).toBe(1);
  });
});
