/**
 * Promotions that fail, checked from outside: the built app (with Probot's real logger) as a
 * child process, untrusted `images.json` that points elsewhere or contradicts itself, a
 * promotion that fails for good, a CI registry that refuses the bot's credentials, and the
 * catch-up at `/unhold`. The app must stay up, report each failure once (reply, status issue,
 * audit log), never retry what no retry can mend, and promote the next passing build.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ECR_REPOSITORY, MAINTAINER, SHA1, SHA2 } from "../helpers/promotion-fixtures.js";
import { PromotionWorld } from "../helpers/promotion-harness.js";
import { registryToolsPresent } from "../helpers/registry.js";
import { inspect } from "../helpers/skopeo.js";

const present = registryToolsPresent();
const describeRegistry = present || process.env["CI"] !== undefined ? describe : describe.skip;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const SHA4 = "4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d";
const SHA5 = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";
const SHA6 = "6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f";
const SHA7 = "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a";
const MISSING = `sha256:${"d".repeat(64)}`;

describeRegistry("promotion failures, end to end", () => {
  const world = new PromotionWorld();
  let foreign: Server;
  const foreignRequests: string[] = [];
  const foreignHost = () => `127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  const level = (n: number) =>
    world.until(() => world.repo.topics.includes(`sofie-level-${n}`), `level ${n}`);
  /** Log lines the app wrote about jobs, parsed. */
  const jobLines = () =>
    world.app
      .output()
      .split("\n")
      .filter((line) => line.includes('"job"'))
      .map((line) => JSON.parse(line) as { msg: string; job: string });

  beforeAll(async () => {
    if (!present)
      throw new Error("CI is set but docker-registry or skopeo is missing: .ci/run installs them");
    const small = [200_000, 300_000];
    await world.setUp({ [SHA1]: small, [SHA2]: small, [SHA4]: small, [SHA6]: small, [SHA7]: small });
    foreign = createServer((req, res) => {
      foreignRequests.push(`${req.method} ${req.url} auth=${req.headers.authorization ? "yes" : "no"}`);
      res.writeHead(401, { "www-authenticate": 'Basic realm="foreign"' }).end();
    });
    await new Promise<void>((resolve) => foreign.listen(0, "127.0.0.1", resolve));
    await world.start();
  }, 120_000);

  afterAll(async () => {
    await world.tearDown();
    await new Promise((resolve) => foreign?.close(resolve));
  });

  afterEach(() => world.checkProblems());

  it("takes the component to level 3", async () => {
    await world.build(SHA1, 901);
    await level(2);
    world.statusIssue = world.repo.issues[0]!.number;
    await world.command(MAINTAINER, "/promote", "✅ Done");
    await level(3);
  }, 60_000);

  it("refuses an images.json that names a host no CI registry is on: no request reaches it", async () => {
    const ecrCalls = world.ecr.calls.length;
    const entry = world.entryFor(SHA2);
    await world.build(SHA2, 902, [
      { ...entry, ref: `${foreignHost()}/sofie-iot/flexibility-gateway@${entry.digest}` },
    ]);
    await level(1);
    await world.until(
      () => world.statusIssueBody().includes(foreignHost()),
      "the status issue naming the host",
    );
    expect(world.statusIssueBody()).toContain("not a CI registry this platform reads from");

    const reply = await world.command(MAINTAINER, "/promote", "⛔");
    expect(reply).toContain(`ref is on ${foreignHost()}`);
    await sleep(1_000);
    expect(foreignRequests).toEqual([]);
    expect(world.ecr.calls.length).toBe(ecrCalls);
    expect(await world.promotions(SHA2)).toEqual([]);
  }, 60_000);

  it("refuses an entry whose ref and digest disagree, and an image listed twice", async () => {
    const honest = world.entryFor(SHA2);
    // This build's image under its ref, an older build's digest: the commit tag must not land on it.
    await world.build(SHA2, 903, [{ ...honest, digest: world.images[SHA1]!.digest }]);
    await world.until(
      () => world.statusIssueBody().includes("but digest says"),
      "the contradiction reported",
    );
    expect(world.statusIssueBody()).toContain('images[0] ("flexibility-gateway")');

    await world.build(SHA2, 904, [honest, { ...honest, tags: ["other"] }]);
    await world.until(() => world.statusIssueBody().includes("both describe"), "the duplicate reported");
    await sleep(1_000);
    expect(await world.promotions(SHA2)).toEqual([]);
    await expect(inspect(world.target, `${ECR_REPOSITORY}:${SHA2}`, false)).rejects.toThrow();
    expect(world.repo.topics).toContain("sofie-level-1");
  }, 60_000);

  it("reports a promotion that fails for good once, stays up, and does not retry it", async () => {
    await world.command(MAINTAINER, "/hold", "on hold");
    // An image that is not in the CI registry: no retry can mend that.
    await world.build(SHA5, 905, [
      {
        ...world.entryFor(SHA1),
        ref: `${world.ci.host}/sofie-iot/flexibility-gateway@${MISSING}`,
        digest: MISSING,
        tags: [SHA5, "main", "latest"],
      },
    ]);
    await level(2);
    const reply = await world.command(MAINTAINER, "/promote", "❌ Failed");
    expect(reply).toContain("What to do");
    expect(reply).toContain("manifest unknown");
    await world.until(
      () => world.statusIssueBody().includes(`promotion of ${SHA5.slice(0, 7)} to the registry failed`),
      "the failure in the status issue",
    );
    // Longer than the first backoff (5 s): a retry would have run by now.
    await sleep(6_000);
    const failed = await world.promotions(SHA5, "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toContain("manifest unknown");
    expect(
      jobLines()
        .filter((l) => l.job.includes(SHA5))
        .map((l) => l.msg),
    ).toEqual(["job failed for good"]);
    expect((await fetch(`${world.app.url}/healthz`)).status).toBe(200);
    expect(world.app.output()).not.toMatch(/TypeError|unhandled|msgPrefix/i);

    // Lifting the hold does not re-run what failed for good: /retry does.
    const unhold = await world.command(MAINTAINER, "/unhold", "released");
    expect(unhold).toContain("failed to promote");
    expect(unhold).toContain("/retry");
  }, 90_000);

  it("promotes the next passing build after the failure", async () => {
    await world.build(SHA4, 906);
    await world.until(async () => (await world.promotions(SHA4)).length > 0, "the next build promoted");
    await level(3);
    await world.until(
      () => !world.statusIssueBody().includes(`promotion of ${SHA5.slice(0, 7)}`),
      "the failure gone from the status issue",
    );
  }, 60_000);

  it("/unhold catches up with the build that passed during the hold", async () => {
    await world.command(MAINTAINER, "/hold", "on hold");
    await world.build(SHA6, 907);
    await level(2);
    await sleep(1_000);
    expect(await world.promotions(SHA6)).toEqual([]);
    const reply = await world.command(MAINTAINER, "/unhold", "released");
    expect(reply).toContain(`Catching up: Promotion of ${SHA6.slice(0, 7)}`);
    await world.until(async () => (await world.promotions(SHA6)).length > 0, "the held build promoted");
    await level(3);
  }, 60_000);

  it("fails once when the CI registry refuses the credentials (401), then /retry promotes", async () => {
    await world.app.stop();
    await world.start({ SOFIE_CI_REGISTRY_PASSWORD: "expired" });
    await world.build(SHA7, 908);
    await world.until(
      async () => (await world.promotions(SHA7, "failed")).length > 0,
      "the failed promotion",
    );
    await sleep(6_000);
    const failed = await world.promotions(SHA7, "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toContain("401");
    expect(
      jobLines()
        .filter((l) => l.job.includes(SHA7))
        .map((l) => l.msg),
    ).toEqual(["job failed for good"]);
    await world.until(
      () => world.statusIssueBody().includes("refused the bot's credentials"),
      "what to do in the status issue",
    );

    await world.app.stop();
    await world.start();
    world.repo.roles.set(MAINTAINER, "write");
    const reply = await world.command(MAINTAINER, "/retry", "Queued 1 failed promotion again");
    expect(reply).not.toContain("⛔");
    await world.until(async () => (await world.promotions(SHA7)).length > 0, "the retried promotion");
    await level(3);
  }, 90_000);
});
