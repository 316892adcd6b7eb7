/**
 * The foundation's promise, checked from outside: the app runs as `npm start` runs it, a
 * signed workflow_run.completed webhook arrives over HTTP, and through GitHub's API (a
 * fake GitHub Enterprise Server that checks every request against GitHub's OpenAPI
 * description) one check run appears with the right counts and annotations.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github-server.js";
import { FakeRepository } from "../helpers/fake-repository.js";
import { liveMentions } from "../helpers/live-mentions.js";
import { makeZip } from "../helpers/make-zip.js";
import { runApp, WEBHOOK_SECRET, type RunningApp } from "../helpers/run-app.js";
import { deriveWebhook, exampleWebhook, sendWebhook } from "../helpers/webhook-fixtures.js";

const SHA = "4f1c0de5c0ffee0000000000000000000000beef";
const MANIFEST = `component: flexibility-gateway
pilot: energy-exchange
branch: main
ci: { workflow: sofie-ci.yml, artifact: sofie-results }
junit: "reports/**/*.xml"
images:
  - name: flexibility-gateway
developers: "@sofie-iot/flexibility-team"
`;
const REPORT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="com.acme.GatewayTest" tests="4">
    <testcase classname="com.acme.GatewayTest" name="starts" time="0.01"/>
    <testcase classname="com.acme.GatewayTest" name="stops" time="0.01"/>
    <testcase classname="com.acme.GatewayTest" name="reconnects" time="0.2">
      <failure message="expected 3 but was 2" type="java.lang.AssertionError">java.lang.AssertionError: expected 3 but was 2
	at com.acme.GatewayTest.reconnects(GatewayTest.java:42)</failure>
    </testcase>
    <testcase classname="com.acme.GatewayTest" name="later"><skipped/></testcase>
  </testsuite>
</testsuites>`;

function workflowRunPayload(runId: number) {
  return deriveWebhook(exampleWebhook("workflow_run", "completed"), {
    installation: { id: 4242, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" },
    repository: {
      name: "flexibility-gateway",
      full_name: "sofie-iot/flexibility-gateway",
      owner: { login: "sofie-iot" },
    },
    workflow_run: {
      id: runId,
      run_attempt: 1,
      head_sha: SHA,
      path: ".github/workflows/sofie-ci.yml",
      conclusion: "failure",
    },
  });
}

describe("workflow_run.completed, end to end", () => {
  let gh: FakeGitHub;
  let app: RunningApp;
  let repo: FakeRepository;
  let dataDir: string;

  beforeAll(async () => {
    gh = await startFakeGitHub();
    repo = new FakeRepository("sofie-iot", "flexibility-gateway").install(gh);
    repo.files.set(".sofie/component.yml", MANIFEST);
    repo.files.set("src/test/java/com/acme/GatewayTest.java", "class GatewayTest {}");
    repo.addArtifact(
      777,
      "sofie-results",
      await makeZip([{ name: "reports/unit/TEST-GatewayTest.xml", data: REPORT }]),
    );
    dataDir = await mkdtemp(join(tmpdir(), "sofie-e2e-"));
    app = await runApp(gh, { SOFIE_DATABASE: join(dataDir, "sofie.sqlite") });
    // The start-up sync lists the app's installations (none here): let it pass before counting requests.
    await gh.waitFor("GET /app/installations");
  });

  afterAll(async () => {
    await app?.stop();
    await gh?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("answers /healthz, /readyz and /metrics", async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/metrics`)).text()).toContain("sofie_webhooks_total");
  });

  it("refuses a webhook with a forged signature and calls nobody", async () => {
    const before = gh.requests.length;
    const status = await sendWebhook(app.webhookUrl, {
      event: "workflow_run",
      payload: workflowRunPayload(777),
      secret: "not-the-secret",
    });
    expect(status).toBe(400);
    expect(gh.requests.length).toBe(before);
  });

  it("creates one check run with the counts and an annotation at the failing line", async () => {
    const delivery = "11111111-2222-3333-4444-555555555555";
    const payload = workflowRunPayload(777);
    expect(
      await sendWebhook(app.webhookUrl, {
        event: "workflow_run",
        payload,
        secret: WEBHOOK_SECRET,
        deliveryId: delivery,
      }),
    ).toBe(200);
    await gh.waitFor(
      (req) =>
        req.method === "PATCH" &&
        /check-runs/.test(req.path) &&
        (req.body as { conclusion?: string }).conclusion !== undefined,
      20_000,
    );

    expect(repo.checkRuns).toHaveLength(1);
    const run = repo.checkRuns[0]!;
    expect(run).toMatchObject({
      name: "SOFIE tests",
      head_sha: SHA,
      status: "completed",
      conclusion: "failure",
      external_id: "sofie-tests:777:1",
    });
    expect(run.output.title).toBe("2 passed, 1 failed, 1 skipped");
    expect(run.output.summary).toContain("expected 3 but was 2");
    expect(run.output.annotations).toEqual([
      expect.objectContaining({
        path: "src/test/java/com/acme/GatewayTest.java",
        start_line: 42,
        annotation_level: "failure",
      }),
    ]);

    // The same delivery again, and the same run under a new delivery id: still one check run.
    expect(
      await sendWebhook(app.webhookUrl, {
        event: "workflow_run",
        payload,
        secret: WEBHOOK_SECRET,
        deliveryId: delivery,
      }),
    ).toBe(200);
    expect(
      await sendWebhook(app.webhookUrl, { event: "workflow_run", payload, secret: WEBHOOK_SECRET }),
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(repo.checkRuns).toHaveLength(1);
    expect(gh.requestsTo("POST /repos/{owner}/{repo}/check-runs")).toHaveLength(1);
    expect(gh.problems).toEqual([]);
  });

  it("completes the check run, failed, when the artifact answers 410 Gone", async () => {
    repo.addArtifact(778, "sofie-results", await makeZip([{ name: "reports/a.xml", data: REPORT }]));
    gh.route("GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}", () => ({
      status: 410,
      body: { message: "Artifact has expired", documentation_url: "https://docs.github.com/rest" },
    }));
    expect(
      await sendWebhook(app.webhookUrl, {
        event: "workflow_run",
        payload: workflowRunPayload(778),
        secret: WEBHOOK_SECRET,
      }),
    ).toBe(200);
    const done = () => repo.checkRuns.find((r) => r.external_id === "sofie-tests:778:1");
    await gh.waitFor(
      (req) => req.method === "PATCH" && /check-runs/.test(req.path) && done()?.status === "completed",
      20_000,
    );
    expect(done()).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(done()!.output.title).toBe("No test results: the artifact could not be downloaded");
    expect(done()!.output.summary).toContain("410");
    expect(done()!.output.summary).toContain("Re-run the workflow");
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("is not green when a matching report is a symbolic link, and names it; no mention goes live", async () => {
    const ok = `<testsuite name="@octocat suite"><testcase classname="x" name="pings @sofie-iot/lmf-maintainers"/></testsuite>`;
    repo.addArtifact(
      779,
      "sofie-results",
      await makeZip([
        { name: "reports/ok.xml", data: ok },
        { name: "reports/passwd.xml", data: "/etc/passwd", mode: 0o120777 },
      ]),
    );
    gh.route("GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}", (req) => ({
      status: 302,
      headers: {
        location: gh.blob(repo.artifacts.get(779)!.find((a) => a.id === Number(req.params.artifact_id))!.zip),
      },
    }));
    expect(
      await sendWebhook(app.webhookUrl, {
        event: "workflow_run",
        payload: workflowRunPayload(779),
        secret: WEBHOOK_SECRET,
      }),
    ).toBe(200);
    const done = () => repo.checkRuns.find((r) => r.external_id === "sofie-tests:779:1");
    await gh.waitFor(
      (req) => req.method === "PATCH" && /check-runs/.test(req.path) && done()?.status === "completed",
      20_000,
    );
    expect(done()!.conclusion).toBe("failure");
    expect(done()!.output.summary).toContain("reports/passwd.xml");
    expect(done()!.output.summary).toContain("symbolic link");
    expect(liveMentions(`${done()!.output.title}\n${done()!.output.summary}`)).toEqual([]);
  });
});
