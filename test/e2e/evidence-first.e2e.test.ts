/**
 * Evidence first, checked from outside: the built app as a child process, GitHub failing
 * right after a copy, and a `/hold` racing a build. The registry evidence must survive any
 * GitHub failure (one copy, one `done` audit entry, the status issue catching up once GitHub
 * answers), and every decision that depends on state must be taken on what is stored.
 */
import Database from "better-sqlite3";
import { MAINTAINER, SHA1, SHA2 } from "../helpers/promotion-fixtures.js";
import { PromotionWorld } from "../helpers/promotion-harness.js";
import { registryToolsPresent } from "../helpers/registry.js";
import { until } from "../helpers/until.js";

const present = registryToolsPresent();
const describeRegistry = present || process.env["CI"] !== undefined ? describe : describe.skip;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SHA3 = "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c";

describeRegistry("evidence first, end to end", () => {
  const world = new PromotionWorld();
  const level = (n: number) =>
    world.until(() => world.repo.topics.includes(`sofie-level-${n}`), `level ${n}`);
  /** The promotion jobs the app finished for `sha`, with their result, from its log. */
  const promotionResults = (sha: string) =>
    world.app
      .output()
      .split("\n")
      .filter((line) => line.includes('"promotion job done"'))
      .map((line) => JSON.parse(line) as { sha: string; result: string })
      .filter((line) => line.sha === sha)
      .map((line) => line.result);
  const jobFailures = (prefix: string) =>
    world.app
      .output()
      .split("\n")
      .filter((line) => line.includes('"job failed; retrying"') && line.includes(`"job":"${prefix}`));
  const stored = () => {
    const db = new Database(world.database, { readonly: true });
    try {
      const row = db.prepare("SELECT evidence FROM components").get() as { evidence: string };
      return JSON.parse(row.evidence) as {
        hold?: boolean;
        ci?: { sha: string };
        registry?: { pushed?: { sha: string } };
      };
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    if (!present)
      throw new Error("CI is set but docker-registry or skopeo is missing: .ci/run installs them");
    const small = [200_000, 300_000];
    await world.setUp({ [SHA1]: small, [SHA2]: small, [SHA3]: small });
    await world.start();
  }, 120_000);

  afterAll(async () => {
    await world.tearDown();
  });

  afterEach(() => {
    world.gh.intercept(undefined);
    world.checkProblems();
  });

  it("takes the component to level 3", async () => {
    await world.build(SHA1, 801);
    await level(2);
    world.statusIssue = world.repo.issues[0]!.number;
    await world.command(MAINTAINER, "/promote", "✅ Done");
    await level(3);
  }, 60_000);

  it("keeps a finished copy when GitHub fails after it: one copy, one done entry, outputs catch up", async () => {
    await world.command(MAINTAINER, "/hold", "on hold");
    await world.build(SHA2, 802);
    await world.until(() => stored().ci?.sha === SHA2, "the build of SHA2 recorded");
    // From now on GitHub answers 502 to the status issue, the topics and the promotion's "Done" reply.
    let outage = true;
    world.gh.intercept((request) => {
      const refused =
        (request.method === "PATCH" && request.path.endsWith(`/issues/${world.statusIssue}`)) ||
        (request.method === "PUT" && request.path.endsWith("/topics")) ||
        (request.method === "PATCH" &&
          request.path.includes("/issues/comments/") &&
          JSON.stringify(request.body).includes("✅ Done"));
      return outage && refused
        ? { status: 502, body: { message: "Bad Gateway", documentation_url: "https://docs.github.com" } }
        : undefined;
    });
    const from = world.repo.comments.length;
    await world.send("issue_comment", world.commentEvent(MAINTAINER, "/promote"));
    // Octokit retries the reply, then the job fails and is retried by the runner.
    await until(() => jobFailures("promote:").length > 0, "the promotion job failing on the reply", {
      timeoutMs: 90_000,
    });
    expect(stored().registry?.pushed?.sha).toBe(SHA2);
    expect(await world.promotions(SHA2)).toHaveLength(1);
    const promoted = `the build of ${SHA2.slice(0, 7)} is in the registry`;
    expect(world.statusIssueBody()).not.toContain(promoted);

    outage = false;
    await until(() => world.repo.comments.slice(from).some((c) => c.body.includes("✅ Done")), "the reply", {
      timeoutMs: 90_000,
    });
    await world.until(
      () => world.statusIssueBody().includes(SHA2.slice(0, 7)),
      "the status issue catching up",
    );
    expect(world.repo.topics).toContain("sofie-level-3");
    // The retried job found the build in the stored evidence: it copied nothing and wrote no second entry.
    // (Its log line follows the reply, so wait for it rather than race it.)
    await until(() => promotionResults(SHA2).length > 0, "the retried promotion job's log line");
    expect(promotionResults(SHA2)).toEqual(["already-promoted"]);
    expect(await world.promotions(SHA2)).toHaveLength(1);
  }, 240_000);

  it("holds a build whose run raced the /hold, and keeps both the hold and the build's evidence", async () => {
    await world.command(MAINTAINER, "/unhold", "released");
    world.repo.headSha = SHA3;
    const from = world.repo.comments.length;
    // The build's deliveries and the /hold arrive together.
    await Promise.all([
      world.build(SHA3, 803),
      world.send("issue_comment", world.commentEvent(MAINTAINER, "/hold")),
    ]);
    await world.replyAfter(from, "on hold");
    await world.until(() => stored().ci?.sha === SHA3, "the build of SHA3 recorded");
    await sleep(3_000);
    const evidence = stored();
    expect(evidence.hold).toBe(true);
    expect(evidence.ci?.sha).toBe(SHA3);
    // Either the promotion job saw the hold when it ran, or it was never queued: SHA3 is not in the registry.
    expect(evidence.registry?.pushed?.sha).toBe(SHA2);
    expect(await world.promotions(SHA3)).toEqual([]);
  }, 60_000);
});
