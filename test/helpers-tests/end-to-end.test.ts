/**
 * The helpers together, the way end-to-end tests use them: a Probot app in a child process pointed at the
 * fake GitHub Enterprise server through GHE_HOST/GHE_PROTOCOL, fed a signed real webhook payload.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { testPrivateKey } from "../helpers/app-keys.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github-server.js";
import { freePort, waitForHttp } from "../helpers/free-port.js";
import { responseExample } from "../helpers/openapi.js";
import { deriveWebhook, exampleWebhook, sendWebhook } from "../helpers/webhook-fixtures.js";

// A stand-in for `npm start`: the smallest Probot app that calls GitHub when a comment arrives.
const APP = `
import { run } from "probot";
await run((app) => {
  app.on("issue_comment.created", async (context) => {
    await context.octokit.rest.reactions.createForIssueComment(
      context.repo({ comment_id: context.payload.comment.id, content: "eyes" }),
    );
  });
});
`;

describe("a Probot child process against the fake GitHub server", () => {
  let gh: FakeGitHub;
  let child: ChildProcess | undefined;
  let output = "";

  beforeAll(async () => {
    gh = await startFakeGitHub();
  });
  afterAll(async () => {
    if (child?.pid !== undefined && child.exitCode === null) child.kill("SIGTERM");
    await gh.close();
  });

  it("receives the app's installation-token and API requests at /api/v3", async () => {
    gh.route("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", () => ({
      status: 201,
      body: responseExample({ method: "POST", path: "/repos/o/r/issues/comments/1/reactions", status: 201 }),
    }));
    const port = await freePort();
    child = spawn(process.execPath, ["--input-type=module", "-e", APP], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        ...gh.env,
        APP_ID: "1",
        PRIVATE_KEY: testPrivateKey(),
        WEBHOOK_SECRET: "s3cret",
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        LOG_FORMAT: "json",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitForHttp(`http://127.0.0.1:${port}/ping`).catch((error: unknown) => {
      throw new Error(`${String(error)}\napp output:\n${output}`);
    });

    const payload = deriveWebhook(exampleWebhook("issue_comment", "created"), { installation: { id: 9 } });
    const status = await sendWebhook(`http://127.0.0.1:${port}/api/github/webhooks`, {
      event: "issue_comment",
      payload,
      secret: "s3cret",
    });
    expect(status).toBe(200);

    const reaction = await gh.waitFor(
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
      15_000,
    );
    expect(reaction.body).toEqual({ content: "eyes" });
    expect(gh.requestsTo("POST /app/installations/{installation_id}/access_tokens")[0]?.params).toEqual({
      installation_id: "9",
    });
    expect(reaction.headers.authorization).toBe("token ghs_testInstallationToken0000000000000000");
    expect(gh.problems).toEqual([]);
  });
});
