/**
 * The world of the promotion end-to-end tests: the built app as a child process against a fake
 * GitHub Enterprise Server, a fake ECR control plane and two real Distribution registries (the
 * CI registry the images come from and the one standing for ECR's data plane), plus the
 * webhooks, builds and probes the tests use.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { pushEvent, workflowRunEvent } from "./component-events.js";
import { startFakeEcr, type FakeEcr } from "./fake-ecr.js";
import { startFakeGitHub, type FakeGitHub } from "./fake-github-server.js";
import { installOrganisation } from "./fake-org-settings.js";
import { FakeRepository } from "./fake-repository.js";
import { makeZip } from "./make-zip.js";
import { writeOciImage, type WrittenImage } from "./oci-layout.js";
import {
  CI_REPOSITORY,
  DOCKERFILE,
  INSTALLATION,
  MAINTAINER,
  MANIFEST,
  NAME,
  OWNER,
  PASSING,
  POLICY,
} from "./promotion-fixtures.js";
import { startRegistry, type TestRegistry } from "./registry.js";
import { runApp, WEBHOOK_SECRET, type RunningApp } from "./run-app.js";
import { pushLayout } from "./skopeo.js";
import { startThrottleProxy, type ThrottleProxy } from "./throttle-proxy.js";
import { until as untilHolds } from "./until.js";
import { deriveWebhook, exampleWebhook, sendWebhook } from "./webhook-fixtures.js";

export interface AuditRow {
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

/** One image of a build, as `images.json` lists it. */
export interface ImagesJsonEntry {
  name: string;
  ref?: string;
  digest?: string;
  tags?: string[];
}

const run = promisify(execFile);

export class PromotionWorld {
  gh!: FakeGitHub;
  ecr!: FakeEcr;
  ci!: TestRegistry;
  target!: TestRegistry;
  proxy!: ThrottleProxy;
  app!: RunningApp;
  repo!: FakeRepository;
  dataDir!: string;
  images: Record<string, WrittenImage> = {};
  statusIssue = 0;
  private nextComment = 9000;
  readonly repository = { name: NAME, full_name: CI_REPOSITORY, owner: { login: OWNER } };

  /** Registries, fake ECR and fake GitHub up, one image per `builds` entry pushed to the CI registry. */
  async setUp(builds: Record<string, readonly number[]>): Promise<void> {
    this.dataDir = await mkdtemp(join(tmpdir(), "sofie-promotion-"));
    [this.ci, this.target] = await Promise.all([
      startRegistry({ auth: "htpasswd" }),
      startRegistry({ auth: "htpasswd", username: "AWS" }),
    ]);
    this.proxy = await startThrottleProxy(Number(new URL(this.target.url).port));
    this.ecr = await startFakeEcr({
      proxyEndpoint: this.proxy.url,
      username: this.target.credentials.username,
      password: this.target.credentials.password,
    });
    const layout = join(this.dataDir, "layout");
    for (const [sha, layerSizes] of Object.entries(builds)) {
      this.images[sha] = writeOciImage(layout, sha, { layerSizes: [...layerSizes] });
      await pushLayout(layout, sha, this.ci, CI_REPOSITORY);
    }
    this.gh = await startFakeGitHub();
    this.repo = new FakeRepository(OWNER, NAME).install(this.gh);
    this.repo.topics = ["iot"];
    this.repo.files.set(".sofie/component.yml", MANIFEST);
    this.repo.files.set("Dockerfile", DOCKERFILE);
    this.repo.files.set("src/index.js", "console.log('gateway')\n");
    const org = installOrganisation(this.gh, OWNER);
    org.files.set(".github/sofie-integration.yml", POLICY);
    org.teams.set("lmf-maintainers", { active: [MAINTAINER] });
  }

  get database(): string {
    return join(this.dataDir, "sofie.sqlite");
  }

  /** Starts (or restarts) the app; `env` overrides the defaults (e.g. a wrong CI registry password). */
  async start(env: Record<string, string> = {}): Promise<RunningApp> {
    this.app = await runApp(this.gh, {
      SOFIE_DATABASE: this.database,
      AWS_ENDPOINT_URL_ECR: this.ecr.url,
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      AWS_REGION: "eu-west-1",
      AWS_EC2_METADATA_DISABLED: "true",
      SOFIE_CI_REGISTRY_HOSTS: this.ci.host,
      SOFIE_INSECURE_REGISTRIES: this.ci.host,
      SOFIE_CI_REGISTRY_USERNAME: this.ci.credentials.username,
      SOFIE_CI_REGISTRY_PASSWORD: this.ci.credentials.password,
      ...env,
    });
    return this.app;
  }

  async tearDown(): Promise<void> {
    await this.app?.stop();
    await Promise.all([
      this.gh?.close(),
      this.ecr?.close(),
      this.proxy?.close(),
      this.ci?.stop(),
      this.target?.stop(),
    ]);
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  /** Unexpected requests seen by the fakes, with the app's last output; throws when there are any. */
  checkProblems(): void {
    const problems = [...(this.gh?.problems ?? []), ...(this.ecr?.problems ?? [])];
    if (problems.length > 0)
      throw new Error(`unexpected requests:\n${problems.join("\n")}\n${this.app?.output().slice(-4000)}`);
  }

  until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string): Promise<T> {
    return untilHolds(probe, what, { context: () => `\napp output:\n${this.app?.output().slice(-4000)}` });
  }

  async send(event: string, payload: unknown, deliveryId: string = randomUUID()): Promise<void> {
    const status = await sendWebhook(this.app.webhookUrl, {
      event,
      payload,
      secret: WEBHOOK_SECRET,
      deliveryId,
    });
    // 202: Probot's middleware stopped waiting for the handler (GitHub counts it delivered).
    if (status !== 200 && status !== 202) throw new Error(`the app answered ${status} to ${event}`);
  }

  async audit(): Promise<AuditRow[]> {
    const { stdout } = await run(process.execPath, ["lib/cli/main.js", "audit", "--json"], {
      env: { PATH: process.env.PATH, SOFIE_DATABASE: this.database },
    });
    return (JSON.parse(stdout) as { entries: AuditRow[] }).entries;
  }

  /** Audit entries of promotions (commanded or automatic) of `sha` with `outcome`. */
  async promotions(sha: string, outcome = "done"): Promise<AuditRow[]> {
    return (await this.audit()).filter(
      (e) => e.outcome === outcome && /promotion/.test(e.command) && e.details?.sha === sha,
    );
  }

  pushEvent(sha: string) {
    return pushEvent(
      {
        installation: INSTALLATION,
        repository: { ...this.repository, default_branch: "main", master_branch: "main" },
      },
      sha,
    );
  }

  workflowRunEvent(sha: string, runId: number) {
    return workflowRunEvent({ installation: INSTALLATION, repository: this.repository }, sha, runId);
  }

  commentEvent(login: string, body: string) {
    return deriveWebhook(exampleWebhook("issue_comment", "created"), {
      installation: INSTALLATION,
      repository: this.repository,
      issue: { number: this.statusIssue },
      comment: { id: ++this.nextComment, body, user: { login, type: "User" } },
    });
  }

  /** The `images.json` entry of a well-behaved build of `sha`. */
  entryFor(sha: string): ImagesJsonEntry {
    const image = this.images[sha] as WrittenImage;
    return {
      name: NAME,
      ref: `${this.ci.host}/${CI_REPOSITORY}@${image.digest}`,
      digest: image.digest,
      tags: [sha, "main", "latest"],
    };
  }

  /** A passing build of `sha`: push, then the CI run whose artifact holds `images` (default: the honest entry). */
  async build(sha: string, runId: number, images: ImagesJsonEntry[] = [this.entryFor(sha)]): Promise<void> {
    this.repo.headSha = sha;
    this.repo.addArtifact(
      runId,
      "sofie-results",
      await makeZip([
        { name: "reports/unit/junit.xml", data: PASSING },
        { name: "images.json", data: JSON.stringify({ images }) },
      ]),
    );
    await this.send("push", this.pushEvent(sha));
    await this.send("workflow_run", this.workflowRunEvent(sha, runId));
  }

  /** Comments `body` as `login` and resolves with the app's reply once it says `text`. */
  async command(login: string, body: string, text: string): Promise<string> {
    const from = this.repo.comments.length;
    await this.send("issue_comment", this.commentEvent(login, body));
    return this.replyAfter(from, text);
  }

  /** A comment the app wrote after the first `from` comments, once it says `text`. */
  replyAfter(from: number, text: string): Promise<string> {
    const replies = () => this.repo.comments.slice(from).map((c) => c.body);
    return untilHolds(() => replies().find((body) => body.includes(text)), `a reply saying ${text}`, {
      context: () =>
        `\nreplies: ${JSON.stringify(replies())}\napp output:\n${this.app?.output().slice(-2000)}`,
    });
  }

  statusIssueBody(): string {
    return this.repo.issues.find((i) => i.number === this.statusIssue)?.body ?? "";
  }
}
