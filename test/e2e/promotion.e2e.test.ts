/**
 * Registry promotion (level 3), checked from outside: the built app runs as a child process against
 * a fake GitHub Enterprise Server (every request checked against GitHub's OpenAPI description), a
 * fake ECR control plane (AWS JSON 1.1) and two real Distribution registries: the CI registry the
 * images come from and the one standing for ECR's data plane. Comments arrive as signed webhooks.
 */
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import {
  CI_REPOSITORY,
  DEVELOPER,
  ECR_REPOSITORY,
  MAINTAINER,
  NAME,
  OUTSIDER,
  OWNER,
  PULL,
  PUSH,
  SHA1,
  SHA2,
  SHA3,
  WRITER,
} from "../helpers/promotion-fixtures.js";
import { PromotionWorld } from "../helpers/promotion-harness.js";
import { registryToolsPresent } from "../helpers/registry.js";
import { catalog, hasBlob } from "../helpers/registry-probe.js";
import { inspect } from "../helpers/skopeo.js";
import { liveMentions } from "../helpers/live-mentions.js";

const present = registryToolsPresent();
const describeRegistry = present || process.env["CI"] !== undefined ? describe : describe.skip;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeRegistry("registry promotion, end to end", () => {
  const world = new PromotionWorld();
  const until = world.until.bind(world);
  const send = world.send.bind(world);
  const audit = world.audit.bind(world);
  const build = world.build.bind(world);
  const replyAfter = world.replyAfter.bind(world);
  const doneFor = (sha: string) => world.promotions(sha);
  const events = {
    comment: (login: string, body: string) => world.commentEvent(login, body),
  };
  const targetHas = (digest: string) => hasBlob(world.target, ECR_REPOSITORY, digest);

  beforeAll(async () => {
    if (!present)
      throw new Error("CI is set but docker-registry or skopeo is missing: .ci/run installs them");
    // Three builds: a small first one, a second one, and one big enough (about 22 MB of
    // incompressible layers) to be caught in the middle of its copy.
    await world.setUp({
      [SHA1]: [400_000, 1_500_000, 900_000],
      [SHA2]: [300_000, 700_000],
      [SHA3]: [500_000, 2_000_000, 4_000_000, 8_000_000, 8_000_000],
    });
    await world.start();
  }, 60_000);

  afterAll(() => world.tearDown());

  afterEach(() => world.checkProblems());

  it("brings the component to level 2 through webhooks", async () => {
    await build(SHA1, 901);
    await until(() => world.repo.topics.includes("sofie-level-2"), "level 2");
    expect(world.repo.issues).toHaveLength(1);
    world.statusIssue = world.repo.issues[0]!.number;
  }, 30_000);

  it("refuses /promote from someone outside the maintainers team, touching nothing", async () => {
    const from = world.repo.comments.length;
    await send("issue_comment", events.comment(OUTSIDER, "/promote"));
    const reply = await replyAfter(from, "⛔");
    // The team is named in code, not mentioned; the reply mentions the author only, once.
    expect(reply).toContain("`sofie-iot/lmf-maintainers`");
    expect(reply).toContain("and you are not one");
    expect(liveMentions(reply)).toEqual([`@${OUTSIDER}`]);
    const asked = world.gh.requestsTo("GET /orgs/{org}/teams/{team_slug}/memberships/{username}");
    expect(asked.map((r) => r.params)).toEqual([
      { org: OWNER, team_slug: "lmf-maintainers", username: OUTSIDER },
    ]);
    expect(world.ecr.calls).toEqual([]);
    expect(await catalog(world.target)).toEqual([]);
    expect(await audit()).toEqual([
      expect.objectContaining({ actor: OUTSIDER, command: "/promote", outcome: "refused" }),
    ]);
    expect(world.repo.topics).toContain("sofie-level-2");
  }, 30_000);

  const maintainerPromote = { delivery: randomUUID(), payload: undefined as unknown };

  it("promotes on a maintainer's /promote: repository, policies, image by digest, level 3", async () => {
    maintainerPromote.payload = events.comment(MAINTAINER, "/promote");
    const from = world.repo.comments.length;
    await send("issue_comment", maintainerPromote.payload, maintainerPromote.delivery);
    const done = await replyAfter(from, "✅ Done");
    await until(() => world.repo.topics.includes("sofie-level-3"), "level 3");
    expect(world.repo.topics).toEqual(["iot", "sofie-level-3"]);

    // The reply was edited as the job went: preparing, copying, done.
    const edits = world.repo.commentEdits.map((e) => e.body);
    expect(edits.some((b) => b.includes("Preparing") && !b.includes("Done"))).toBe(true);
    expect(edits.some((b) => b.includes("Copying") && !b.includes("Done"))).toBe(true);
    expect(done).toContain(world.images[SHA1]!.digest);

    // ECR: one repository with the platform's settings and policies.
    expect(world.ecr.callsTo("CreateRepository")).toEqual([
      {
        operation: "CreateRepository",
        input: expect.objectContaining({
          repositoryName: ECR_REPOSITORY,
          imageScanningConfiguration: { scanOnPush: true },
          imageTagMutability: "IMMUTABLE",
          encryptionConfiguration: { encryptionType: "AES256" },
        }),
      },
    ]);
    const stored = world.ecr.repositories.get(ECR_REPOSITORY)!;
    const policy = JSON.parse(stored.policyText!) as {
      Statement: { Effect: string; Principal: { AWS: string | string[] }; Action: string | string[] }[];
    };
    const grants = (arn: string) =>
      policy.Statement.filter((s) => s.Effect === "Allow" && [s.Principal.AWS].flat().includes(arn)).flatMap(
        (s) => [s.Action].flat(),
      );
    expect(grants(WRITER)).toEqual(expect.arrayContaining([...PULL, ...PUSH]));
    expect([...grants(DEVELOPER)].sort()).toEqual(PULL);
    expect(policy.Statement.flatMap((s) => [s.Principal.AWS].flat()).sort()).toEqual(
      [DEVELOPER, WRITER].sort(),
    );
    expect(JSON.parse(stored.lifecyclePolicyText!)).toMatchObject({ rules: expect.any(Array) });
    expect(world.ecr.callsTo("GetAuthorizationToken").length).toBeGreaterThan(0);

    // The image, byte for byte, by digest and under its per-build tag: with immutable tags
    // (the policy's default) the moving tags ({branch}, latest) are not applied.
    const sourceRaw = await inspect(world.ci, `${CI_REPOSITORY}@${world.images[SHA1]!.digest}`, true);
    for (const reference of [`@${world.images[SHA1]!.digest}`, `:${SHA1}`]) {
      expect(await inspect(world.target, `${ECR_REPOSITORY}${reference}`, true)).toBe(sourceRaw);
    }
    expect(JSON.parse(await inspect(world.target, `${ECR_REPOSITORY}:${SHA1}`, false)).Digest).toBe(
      world.images[SHA1]!.digest,
    );
    await expect(inspect(world.target, `${ECR_REPOSITORY}:latest`, true)).rejects.toThrow();

    // The audit log: the command, then the promotion with its digests.
    const log = await audit();
    expect(log.slice(1)).toEqual([
      expect.objectContaining({
        actor: MAINTAINER,
        command: "/promote",
        outcome: "done",
        details: { sha: SHA1, digests: { [NAME]: world.images[SHA1]!.digest } },
      }),
      expect.objectContaining({
        actor: MAINTAINER,
        command: "promotion",
        outcome: "done",
        details: expect.objectContaining({
          sha: SHA1,
          digests: { [NAME]: world.images[SHA1]!.digest },
          blobsSent: world.images[SHA1]!.blobs.length,
        }),
      }),
    ]);
  }, 45_000);

  it("runs a redelivered /promote once", async () => {
    const calls = world.ecr.calls.length;
    const comments = world.repo.comments.length;
    const entries = (await audit()).length;
    await send("issue_comment", maintainerPromote.payload, maintainerPromote.delivery);
    await sleep(1_000);
    expect(world.ecr.calls.length).toBe(calls);
    expect(world.repo.comments.length).toBe(comments);
    expect((await audit()).length).toBe(entries);
  }, 30_000);

  it("queues one promotion job for two /promote comments arriving together", async () => {
    // Held, the next passing build waits for a maintainer instead of following on its own.
    const from = world.repo.comments.length;
    await send("issue_comment", events.comment(MAINTAINER, "/hold"));
    await replyAfter(from, "on hold");
    await build(SHA2, 902);
    await until(() => world.repo.topics.includes("sofie-level-2"), "level 2 for the held build");
    const creates = world.ecr.callsTo("CreateRepository").length;

    await Promise.all([
      send("issue_comment", events.comment(MAINTAINER, "/promote")),
      send("issue_comment", events.comment(MAINTAINER, "/promote")),
    ]);
    await until(async () => (await doneFor(SHA2)).length > 0, "the promotion of the second build");
    await until(() => world.repo.topics.includes("sofie-level-3"), "level 3 again");
    await sleep(500);
    expect(await doneFor(SHA2)).toHaveLength(1);
    expect(world.ecr.callsTo("CreateRepository")).toHaveLength(creates + 1);
    const answers = (await audit())
      .filter((e) => e.command === "/promote" && e.actor === MAINTAINER)
      .slice(-2);
    // One queued it; the other found it queued, running or (decided on the fresh record) done.
    const messages = answers.map((a) => a.message);
    expect(messages.filter((m) => /queued:/.test(m ?? ""))).toHaveLength(1);
    expect(
      messages.filter((m) => /already queued or running|already in the registry/.test(m ?? "")),
    ).toHaveLength(1);
    // The repository existed: its settings and policies were read back, found right and left alone.
    expect(world.ecr.callsTo("SetRepositoryPolicy")).toHaveLength(1);
    expect(world.ecr.callsTo("PutLifecyclePolicy")).toHaveLength(1);
    expect(world.ecr.callsTo("PutImageTagMutability")).toEqual([]);
    expect(world.ecr.callsTo("GetRepositoryPolicy").length).toBeGreaterThan(0);
    expect(JSON.parse(await inspect(world.target, `${ECR_REPOSITORY}:${SHA2}`, false)).Digest).toBe(
      world.images[SHA2]!.digest,
    );
  }, 45_000);

  it("resumes a copy cut by SIGKILL after a restart, without sending again what had arrived", async () => {
    const from = world.repo.comments.length;
    await send("issue_comment", events.comment(MAINTAINER, "/unhold"));
    await replyAfter(from, "released");
    const image = world.images[SHA3]!;
    const sizes = new Map(
      image.blobs.map((d) => [
        d,
        statSync(join(world.dataDir, "layout", "blobs", "sha256", d.slice(7))).size,
      ]),
    );
    const layers = image.blobs.slice(1);
    // 4 MB/s per connection: the 8 MB layers need two seconds each.
    world.proxy.rate = 4_000_000;
    await build(SHA3, 903);

    const arrived = await until(async () => {
      const present = (
        await Promise.all(image.blobs.map(async (d) => ((await targetHas(d)) ? d : "")))
      ).filter(Boolean);
      return present.some((d) => layers.includes(d)) ? present : undefined;
    }, "a first layer of the third build in the target registry");
    await world.app.kill();
    expect(arrived.length).toBeLessThan(image.blobs.length);
    expect(await doneFor(SHA3)).toEqual([]);

    world.proxy.rate = Infinity;
    await world.start();
    const [done] = await until(async () => {
      const entries = await doneFor(SHA3);
      return entries.length > 0 ? entries : undefined;
    }, "the resumed promotion");
    const details = done!.details!;
    expect(done).toMatchObject({ actor: "sofie-integration-bot", command: "automatic promotion" });
    expect(details.attempt).toBe(2);
    expect(details.blobsSent).toBeLessThanOrEqual(image.blobs.length - arrived.length);
    expect(details.blobsSent).toBeLessThan(layers.length);
    const imageBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
    const arrivedBytes = arrived.reduce((n, d) => n + (sizes.get(d) ?? 0), 0);
    expect(details.bytesSent).toBeLessThanOrEqual(imageBytes - arrivedBytes);
    expect(details.blobsSkipped).toBeGreaterThanOrEqual(arrived.length);

    expect(await inspect(world.target, `${ECR_REPOSITORY}@${image.digest}`, true)).toBe(
      await inspect(world.ci, `${CI_REPOSITORY}@${image.digest}`, true),
    );
    expect(JSON.parse(await inspect(world.target, `${ECR_REPOSITORY}:${SHA3}`, false)).Digest).toBe(
      image.digest,
    );
    await until(() => world.repo.topics.includes("sofie-level-3"), "level 3 after the resumed promotion");
  }, 60_000);
});
