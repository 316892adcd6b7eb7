/**
 * The onboarding journey of levels 1 and 2, checked from outside: the built app runs as a
 * separate process (as `npm start` runs it) against a fake GitHub Enterprise Server that
 * checks every request against GitHub's OpenAPI description; signed webhooks arrive over
 * HTTP, from the installation to a passing CI run on the watched branch.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github-server.js";
import { FakeRepository } from "../helpers/fake-repository.js";
import { makeZip } from "../helpers/make-zip.js";
import { runApp, WEBHOOK_SECRET, type RunningApp } from "../helpers/run-app.js";
import { until } from "../helpers/until.js";
import { pushEvent, workflowRunEvent } from "../helpers/component-events.js";
import { deriveWebhook, exampleWebhook, sendWebhook } from "../helpers/webhook-fixtures.js";

const OWNER = "sofie-iot";
const NAME = "flexibility-gateway";
const INSTALLATION = { id: 4242, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
const MERGED = "2222222222222222222222222222222222222222";
const BROKEN = "3333333333333333333333333333333333333333";
const DIGEST = `sha256:${"ab".repeat(32)}`;
const DOCKERFILE = `FROM node:20-slim
WORKDIR /app
ENV PORT=3000
ENV BROKER_HOST=broker
COPY . .
EXPOSE 3000
CMD ["node", "src/index.js"]
`;
const PASSING = `<testsuites><testsuite name="gateway" tests="2">
<testcase classname="gateway" name="starts"/><testcase classname="gateway" name="stops"/>
</testsuite></testsuites>`;

const repository = {
  name: NAME,
  full_name: `${OWNER}/${NAME}`,
  owner: { login: OWNER },
  default_branch: "main",
  master_branch: "main",
};
const events = {
  installation: () =>
    deriveWebhook(exampleWebhook("installation", "created"), {
      installation: { id: INSTALLATION.id, account: { login: OWNER } },
      repositories: [{ id: 1, node_id: "R_1", name: NAME, full_name: `${OWNER}/${NAME}`, private: true }],
    }),
  push: (sha: string) => pushEvent({ installation: INSTALLATION, repository }, sha),
  workflowRun: (sha: string, runId: number) =>
    workflowRunEvent({ installation: INSTALLATION, repository }, sha, runId, 12),
};

describe("from installation to level 2, end to end", () => {
  let gh: FakeGitHub;
  let app: RunningApp;
  let repo: FakeRepository;
  let dataDir: string;
  const sent: { event: string; payload: unknown; deliveryId: string }[] = [];

  async function send(event: string, payload: unknown, deliveryId: string = randomUUID()): Promise<void> {
    sent.push({ event, payload, deliveryId });
    expect(await sendWebhook(app.webhookUrl, { event, payload, secret: WEBHOOK_SECRET, deliveryId })).toBe(
      200,
    );
  }
  const writes = () =>
    gh.requests.filter((r) => r.method !== "GET" && !r.path.includes("/access_tokens")).length;
  const start = async () => (app = await runApp(gh, { SOFIE_DATABASE: join(dataDir, "sofie.sqlite") }));

  beforeAll(async () => {
    gh = await startFakeGitHub();
    repo = new FakeRepository(OWNER, NAME).install(gh);
    repo.topics = ["iot", "energy"];
    repo.files.set("Dockerfile", DOCKERFILE);
    repo.files.set(
      "package.json",
      JSON.stringify({ name: NAME, devDependencies: { jest: "^30.0.0" }, scripts: { test: "jest" } }),
    );
    repo.files.set("src/index.js", "console.log('gateway')\n");
    dataDir = await mkdtemp(join(tmpdir(), "sofie-journey-"));
    await start();
  });
  afterAll(async () => {
    await app?.stop();
    await gh?.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    if (gh.problems.length > 0)
      throw new Error(
        `GitHub requests that do not match its OpenAPI description:\n${gh.problems.join("\n")}\n${app.output().slice(-4000)}`,
      );
  });

  it("opens one onboarding pull request with the manifest and the CI workflow", async () => {
    await send("installation", events.installation());
    await gh.waitFor("POST /repos/{owner}/{repo}/pulls", 20_000);
    expect(repo.pulls).toHaveLength(1);
    const pr = repo.pulls[0]!;
    expect(pr).toMatchObject({ head: "sofie/onboarding", base: "main", state: "open" });
    expect(pr.body).toContain("<!-- sofie:onboarding -->");
    const branch = repo.branches.get("sofie/onboarding")!;
    expect(branch.files.get(".sofie/component.yml")).toContain('component: "flexibility-gateway"');
    expect(branch.files.get(".github/workflows/sofie-ci.yml")).toContain("sofie-results");
    // nothing else happened to the repository: no topic, no issue, no label
    expect(repo.topics).toEqual(["iot", "energy"]);
    expect(repo.issues).toEqual([]);
  });

  it("never opens a second onboarding pull request for a repeated installation event", async () => {
    const before = gh.requestsTo("GET /repos/{owner}/{repo}/pulls").length;
    await send("installation", events.installation());
    await gh.waitFor(
      (r) =>
        r.method === "GET" &&
        r.path.endsWith("/pulls") &&
        gh.requestsTo("GET /repos/{owner}/{repo}/pulls").length > before,
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(repo.pulls).toHaveLength(1);
    expect(gh.requestsTo("POST /repos/{owner}/{repo}/pulls")).toHaveLength(1);
  });

  it("reaches level 1 when the onboarding PR is merged and the watched branch is pushed", async () => {
    repo.merge(repo.pulls[0]!.number, MERGED);
    await send("push", events.push(MERGED));
    // The level is published by a job after the push is recorded: wait for its last write, the status issue.
    await until(() => repo.issues[0]?.labels.includes("sofie-level-1"), "the status issue at level 1");
    expect(repo.topics).toEqual(["iot", "energy", "sofie-level-1"]);
    expect(repo.issues).toHaveLength(1);
    expect(repo.issues[0]?.labels).toEqual(["sofie-status", "sofie-level-1"]);
    expect(repo.checkRuns.find((r) => r.name === "SOFIE maturity")).toMatchObject({
      head_sha: MERGED,
      status: "completed",
    });
  });

  it("reaches level 2 on a passing CI run of the watched branch", async () => {
    repo.addArtifact(
      900,
      "sofie-results",
      await makeZip([
        { name: "reports/unit/junit.xml", data: PASSING },
        {
          name: "images.json",
          data: JSON.stringify({
            images: [
              {
                name: NAME,
                ref: `ghcr.io/${OWNER}/${NAME}@${DIGEST}`,
                digest: DIGEST,
                tags: [MERGED, "main", "latest"],
              },
            ],
          }),
        },
      ]),
    );
    await send("workflow_run", events.workflowRun(MERGED, 900));
    await until(() => repo.issues[0]?.labels.includes("sofie-level-2"), "the status issue at level 2");
    expect(repo.topics).toEqual(["iot", "energy", "sofie-level-2"]);
    expect(repo.issues).toHaveLength(1);
    expect(repo.issues[0]?.title).toMatch(/level 2/);
    expect(repo.issues[0]?.labels).toEqual(["sofie-status", "sofie-level-2"]);
    expect(repo.checkRuns.find((r) => r.name === "SOFIE tests")).toMatchObject({ conclusion: "success" });
    expect(repo.checkRuns.filter((r) => r.name === "SOFIE maturity")).toHaveLength(1);
    expect(repo.checkRuns.find((r) => r.name === "SOFIE maturity")?.conclusion).toBe("success");
  });

  it("changes nothing when every event is delivered again", async () => {
    const before = writes();
    for (const { event, payload, deliveryId } of [...sent]) await send(event, payload, deliveryId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(writes()).toBe(before);
  });

  it("changes nothing across a restart, even for events sent again under new delivery ids", async () => {
    await app.stop();
    await start();
    const before = writes();
    await send("push", events.push(MERGED));
    await send("workflow_run", events.workflowRun(MERGED, 900));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(writes()).toBe(before);
    expect(repo.pulls).toHaveLength(1);
    expect(repo.topics).toEqual(["iot", "energy", "sofie-level-2"]);
  });

  it("drops below level 2 for a hard-coded address, with an annotation at its line", async () => {
    repo.files.set(
      "Dockerfile",
      DOCKERFILE.replace("ENV BROKER_HOST=broker", "ENV BROKER_URL=tcp://10.20.30.40:1883"),
    );
    repo.headSha = BROKEN;
    await send("push", events.push(BROKEN));
    await until(
      () => repo.topics.includes("sofie-level-1") && repo.issues[0]?.labels.includes("sofie-level-1"),
      "level 1 published",
    );
    const check = repo.checkRuns.find((r) => r.name === "SOFIE maturity" && r.head_sha === BROKEN);
    expect(check?.output.annotations).toEqual([
      expect.objectContaining({
        path: "Dockerfile",
        start_line: 4,
        annotation_level: "failure",
        message: expect.stringMatching(/hard-coded address 10\.20\.30\.40/),
      }),
      expect.objectContaining({
        path: "Dockerfile",
        start_line: 4,
        annotation_level: "failure",
        message: expect.stringMatching(/hard-coded port 1883/),
      }),
    ]);
    expect(repo.issues[0]?.body).toMatch(/Dockerfile/);
  });
});
