/**
 * Registry promotion (level 3), checked from outside: the built app runs as a child process against
 * a fake GitHub Enterprise Server (every request checked against GitHub's OpenAPI description), a
 * fake ECR control plane (AWS JSON 1.1) and two real Distribution registries: the CI registry the
 * images come from and the one standing for ECR's data plane. Comments arrive as signed webhooks.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startFakeEcr, type FakeEcr } from "../helpers/fake-ecr.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github-server.js";
import { installOrganisation } from "../helpers/fake-org-settings.js";
import { FakeRepository } from "../helpers/fake-repository.js";
import { makeZip } from "../helpers/make-zip.js";
import { writeOciImage, type WrittenImage } from "../helpers/oci-layout.js";
import {
  CI_REPOSITORY,
  DEVELOPER,
  DOCKERFILE,
  ECR_REPOSITORY,
  INSTALLATION,
  MAINTAINER,
  MANIFEST,
  NAME,
  OUTSIDER,
  OWNER,
  PASSING,
  POLICY,
  PULL,
  PUSH,
  SHA1,
  SHA2,
  SHA3,
  WRITER,
} from "../helpers/promotion-fixtures.js";
import { registryToolsPresent, startRegistry, type TestRegistry } from "../helpers/registry.js";
import { catalog, hasBlob } from "../helpers/registry-probe.js";
import { runApp, WEBHOOK_SECRET, type RunningApp } from "../helpers/run-app.js";
import { inspect, pushLayout } from "../helpers/skopeo.js";
import { startThrottleProxy, type ThrottleProxy } from "../helpers/throttle-proxy.js";
import { until as untilHolds } from "../helpers/until.js";
import { pushEvent, workflowRunEvent } from "../helpers/component-events.js";
import { deriveWebhook, exampleWebhook, sendWebhook } from "../helpers/webhook-fixtures.js";
import { liveMentions } from "../helpers/live-mentions.js";

const present = registryToolsPresent();
const describeRegistry = present || process.env["CI"] !== undefined ? describe : describe.skip;

interface AuditRow {
  actor: string;
  command: string;
  outcome: string;
  message?: string;
  details?: {
    sha?: string;
    digests?: Record<string, string>;
    attempt?: number;
    blobsSent?: number;
    blobsSkipped?: number;
    bytesSent?: number;
  };
}

const run = promisify(execFile);
/** What a timed-out wait adds to its message (the app's last output, once the app runs). */
let onTimeout = (): string => "";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const until = <T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string) =>
  untilHolds(probe, what, { context: onTimeout });

describeRegistry("registry promotion, end to end", () => {
  let gh: FakeGitHub;
  let ecr: FakeEcr;
  let ci: TestRegistry;
  let target: TestRegistry;
  let proxy: ThrottleProxy;
  let app: RunningApp;
  let repo: FakeRepository;
  let dataDir: string;
  let images: Record<string, WrittenImage>;
  let statusIssue: number;
  let nextComment = 9000;

  const repository = { name: NAME, full_name: CI_REPOSITORY, owner: { login: OWNER } };
  const database = () => join(dataDir, "sofie.sqlite");
  const start = async () =>
    (app = await runApp(gh, {
      SOFIE_DATABASE: database(),
      AWS_ENDPOINT_URL_ECR: ecr.url,
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      AWS_REGION: "eu-west-1",
      AWS_EC2_METADATA_DISABLED: "true",
      SOFIE_INSECURE_REGISTRIES: ci.host,
      SOFIE_CI_REGISTRY_USERNAME: ci.credentials.username,
      SOFIE_CI_REGISTRY_PASSWORD: ci.credentials.password,
    }));
  const send = async (event: string, payload: unknown, deliveryId: string = randomUUID()) => {
    expect(await sendWebhook(app.webhookUrl, { event, payload, secret: WEBHOOK_SECRET, deliveryId })).toBe(
      200,
    );
  };
  const audit = async (): Promise<AuditRow[]> => {
    const { stdout } = await run(process.execPath, ["lib/cli/main.js", "audit", "--json"], {
      env: { PATH: process.env.PATH, SOFIE_DATABASE: database() },
    });
    return (JSON.parse(stdout) as { entries: AuditRow[] }).entries;
  };
  const doneFor = async (sha: string) =>
    (await audit()).filter(
      (e) => e.outcome === "done" && /promotion/.test(e.command) && e.details?.sha === sha,
    );
  const events = {
    push: (sha: string) =>
      pushEvent(
        {
          installation: INSTALLATION,
          repository: { ...repository, default_branch: "main", master_branch: "main" },
        },
        sha,
      ),
    workflowRun: (sha: string, runId: number) =>
      workflowRunEvent({ installation: INSTALLATION, repository }, sha, runId),
    comment: (login: string, body: string) =>
      deriveWebhook(exampleWebhook("issue_comment", "created"), {
        installation: INSTALLATION,
        repository,
        issue: { number: statusIssue },
        comment: { id: ++nextComment, body, user: { login, type: "User" } },
      }),
  };
  /** A passing build of `sha` whose images.json names the image pushed to the CI registry. */
  async function build(sha: string, runId: number): Promise<void> {
    const image = images[sha] as WrittenImage;
    repo.headSha = sha;
    repo.addArtifact(
      runId,
      "sofie-results",
      await makeZip([
        { name: "reports/unit/junit.xml", data: PASSING },
        {
          name: "images.json",
          data: JSON.stringify({
            images: [
              {
                name: NAME,
                ref: `${ci.host}/${CI_REPOSITORY}@${image.digest}`,
                digest: image.digest,
                tags: [sha, "main", "latest"],
              },
            ],
          }),
        },
      ]),
    );
    await send("push", events.push(sha));
    await send("workflow_run", events.workflowRun(sha, runId));
  }
  /** A comment the app wrote after the first `from` comments, once it says `text`. */
  const replyAfter = (from: number, text: string) =>
    until(
      () =>
        repo.comments
          .slice(from)
          .map((c) => c.body)
          .find((body) => body.includes(text)),
      `a reply saying ${text}`,
    );
  const targetHas = (digest: string) => hasBlob(target, ECR_REPOSITORY, digest);

  beforeAll(async () => {
    if (!present)
      throw new Error("CI is set but docker-registry or skopeo is missing: .ci/run installs them");
    dataDir = await mkdtemp(join(tmpdir(), "sofie-promotion-"));
    [ci, target] = await Promise.all([
      startRegistry({ auth: "htpasswd" }),
      startRegistry({ auth: "htpasswd", username: "AWS" }),
    ]);
    proxy = await startThrottleProxy(Number(new URL(target.url).port));
    ecr = await startFakeEcr({
      proxyEndpoint: proxy.url,
      username: target.credentials.username,
      password: target.credentials.password,
    });
    // Three builds: a small first one, a second one, and one big enough (about 22 MB of
    // incompressible layers) to be caught in the middle of its copy.
    const layout = join(dataDir, "layout");
    images = {
      [SHA1]: writeOciImage(layout, SHA1, { layerSizes: [400_000, 1_500_000, 900_000] }),
      [SHA2]: writeOciImage(layout, SHA2, { layerSizes: [300_000, 700_000] }),
      [SHA3]: writeOciImage(layout, SHA3, {
        layerSizes: [500_000, 2_000_000, 4_000_000, 8_000_000, 8_000_000],
      }),
    };
    for (const sha of [SHA1, SHA2, SHA3]) await pushLayout(layout, sha, ci, CI_REPOSITORY);

    gh = await startFakeGitHub();
    repo = new FakeRepository(OWNER, NAME).install(gh);
    repo.topics = ["iot"];
    repo.files.set(".sofie/component.yml", MANIFEST);
    repo.files.set("Dockerfile", DOCKERFILE);
    repo.files.set("src/index.js", "console.log('gateway')\n");
    const org = installOrganisation(gh, OWNER);
    org.files.set(".github/sofie-integration.yml", POLICY);
    org.teams.set("lmf-maintainers", { active: [MAINTAINER] });
    await start();
    onTimeout = () => `\napp output:\n${app.output().slice(-4000)}`;
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await Promise.all([gh?.close(), ecr?.close(), proxy?.close(), ci?.stop(), target?.stop()]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    const problems = [...(gh?.problems ?? []), ...(ecr?.problems ?? [])];
    if (problems.length > 0)
      throw new Error(`unexpected requests:\n${problems.join("\n")}\n${app?.output().slice(-4000)}`);
  });

  it("brings the component to level 2 through webhooks", async () => {
    await build(SHA1, 901);
    await until(() => repo.topics.includes("sofie-level-2"), "level 2");
    expect(repo.issues).toHaveLength(1);
    statusIssue = repo.issues[0]!.number;
  }, 30_000);

  it("refuses /promote from someone outside the maintainers team, touching nothing", async () => {
    const from = repo.comments.length;
    await send("issue_comment", events.comment(OUTSIDER, "/promote"));
    const reply = await replyAfter(from, "⛔");
    // The team is named in code, not mentioned; the reply mentions the author only, once.
    expect(reply).toContain("`sofie-iot/lmf-maintainers`");
    expect(reply).toContain("and you are not one");
    expect(liveMentions(reply)).toEqual([`@${OUTSIDER}`]);
    const asked = gh.requestsTo("GET /orgs/{org}/teams/{team_slug}/memberships/{username}");
    expect(asked.map((r) => r.params)).toEqual([
      { org: OWNER, team_slug: "lmf-maintainers", username: OUTSIDER },
    ]);
    expect(ecr.calls).toEqual([]);
    expect(await catalog(target)).toEqual([]);
    expect(await audit()).toEqual([
      expect.objectContaining({ actor: OUTSIDER, command: "/promote", outcome: "refused" }),
    ]);
    expect(repo.topics).toContain("sofie-level-2");
  }, 30_000);

  const maintainerPromote = { delivery: randomUUID(), payload: undefined as unknown };

  it("promotes on a maintainer's /promote: repository, policies, image by digest, level 3", async () => {
    maintainerPromote.payload = events.comment(MAINTAINER, "/promote");
    const from = repo.comments.length;
    await send("issue_comment", maintainerPromote.payload, maintainerPromote.delivery);
    const done = await replyAfter(from, "✅ Done");
    await until(() => repo.topics.includes("sofie-level-3"), "level 3");
    expect(repo.topics).toEqual(["iot", "sofie-level-3"]);

    // The reply was edited as the job went: preparing, copying, done.
    const edits = repo.commentEdits.map((e) => e.body);
    expect(edits.some((b) => b.includes("Preparing") && !b.includes("Done"))).toBe(true);
    expect(edits.some((b) => b.includes("Copying") && !b.includes("Done"))).toBe(true);
    expect(done).toContain(images[SHA1]!.digest);

    // ECR: one repository with the platform's settings and policies.
    expect(ecr.callsTo("CreateRepository")).toEqual([
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
    const stored = ecr.repositories.get(ECR_REPOSITORY)!;
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
    expect(ecr.callsTo("GetAuthorizationToken").length).toBeGreaterThan(0);

    // The image, byte for byte, by digest and under its per-build tag: with immutable tags
    // (the policy's default) the moving tags ({branch}, latest) are not applied.
    const sourceRaw = await inspect(ci, `${CI_REPOSITORY}@${images[SHA1]!.digest}`, true);
    for (const reference of [`@${images[SHA1]!.digest}`, `:${SHA1}`]) {
      expect(await inspect(target, `${ECR_REPOSITORY}${reference}`, true)).toBe(sourceRaw);
    }
    expect(JSON.parse(await inspect(target, `${ECR_REPOSITORY}:${SHA1}`, false)).Digest).toBe(
      images[SHA1]!.digest,
    );
    await expect(inspect(target, `${ECR_REPOSITORY}:latest`, true)).rejects.toThrow();

    // The audit log: the command, then the promotion with its digests.
    const log = await audit();
    expect(log.slice(1)).toEqual([
      expect.objectContaining({
        actor: MAINTAINER,
        command: "/promote",
        outcome: "done",
        details: { sha: SHA1, digests: { [NAME]: images[SHA1]!.digest } },
      }),
      expect.objectContaining({
        actor: MAINTAINER,
        command: "promotion",
        outcome: "done",
        details: expect.objectContaining({
          sha: SHA1,
          digests: { [NAME]: images[SHA1]!.digest },
          blobsSent: images[SHA1]!.blobs.length,
        }),
      }),
    ]);
  }, 45_000);

  it("runs a redelivered /promote once", async () => {
    const calls = ecr.calls.length;
    const comments = repo.comments.length;
    const entries = (await audit()).length;
    await send("issue_comment", maintainerPromote.payload, maintainerPromote.delivery);
    await sleep(1_000);
    expect(ecr.calls.length).toBe(calls);
    expect(repo.comments.length).toBe(comments);
    expect((await audit()).length).toBe(entries);
  }, 30_000);

  it("queues one promotion job for two /promote comments arriving together", async () => {
    // Held, the next passing build waits for a maintainer instead of following on its own.
    const from = repo.comments.length;
    await send("issue_comment", events.comment(MAINTAINER, "/hold"));
    await replyAfter(from, "on hold");
    await build(SHA2, 902);
    await until(() => repo.topics.includes("sofie-level-2"), "level 2 for the held build");
    const creates = ecr.callsTo("CreateRepository").length;

    await Promise.all([
      send("issue_comment", events.comment(MAINTAINER, "/promote")),
      send("issue_comment", events.comment(MAINTAINER, "/promote")),
    ]);
    await until(async () => (await doneFor(SHA2)).length > 0, "the promotion of the second build");
    await until(() => repo.topics.includes("sofie-level-3"), "level 3 again");
    await sleep(500);
    expect(await doneFor(SHA2)).toHaveLength(1);
    expect(ecr.callsTo("CreateRepository")).toHaveLength(creates + 1);
    const answers = (await audit())
      .filter((e) => e.command === "/promote" && e.actor === MAINTAINER)
      .slice(-2);
    expect(answers.map((a) => a.message).sort()).toEqual([
      expect.stringMatching(/already queued or running|already in the registry/),
      expect.stringMatching(/queued:/),
    ]);
    // The repository existed: its settings and policies were read back, found right and left alone.
    expect(ecr.callsTo("SetRepositoryPolicy")).toHaveLength(1);
    expect(ecr.callsTo("PutLifecyclePolicy")).toHaveLength(1);
    expect(ecr.callsTo("PutImageTagMutability")).toEqual([]);
    expect(ecr.callsTo("GetRepositoryPolicy").length).toBeGreaterThan(0);
    expect(JSON.parse(await inspect(target, `${ECR_REPOSITORY}:${SHA2}`, false)).Digest).toBe(
      images[SHA2]!.digest,
    );
  }, 45_000);

  it("resumes a copy cut by SIGKILL after a restart, without sending again what had arrived", async () => {
    const from = repo.comments.length;
    await send("issue_comment", events.comment(MAINTAINER, "/unhold"));
    await replyAfter(from, "released");
    const image = images[SHA3]!;
    const sizes = new Map(
      image.blobs.map((d) => [d, statSync(join(dataDir, "layout", "blobs", "sha256", d.slice(7))).size]),
    );
    const layers = image.blobs.slice(1);
    // 4 MB/s per connection: the 8 MB layers need two seconds each.
    proxy.rate = 4_000_000;
    await build(SHA3, 903);

    const arrived = await until(async () => {
      const present = (
        await Promise.all(image.blobs.map(async (d) => ((await targetHas(d)) ? d : "")))
      ).filter(Boolean);
      return present.some((d) => layers.includes(d)) ? present : undefined;
    }, "a first layer of the third build in the target registry");
    await app.kill();
    expect(arrived.length).toBeLessThan(image.blobs.length);
    expect(await doneFor(SHA3)).toEqual([]);

    proxy.rate = Infinity;
    await start();
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

    expect(await inspect(target, `${ECR_REPOSITORY}@${image.digest}`, true)).toBe(
      await inspect(ci, `${CI_REPOSITORY}@${image.digest}`, true),
    );
    expect(JSON.parse(await inspect(target, `${ECR_REPOSITORY}:${SHA3}`, false)).Digest).toBe(image.digest);
    await until(() => repo.topics.includes("sofie-level-3"), "level 3 after the resumed promotion");
  }, 60_000);
});
