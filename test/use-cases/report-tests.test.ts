import { reportTests, type CompletedRun } from "../../src/use-cases/report-tests.js";
import { FakeCheckRuns, FakeCiArtifacts, FakeSourceReader } from "../helpers/fakes.js";
import { makeZip, markEncrypted, type ZipItem } from "../helpers/make-zip.js";
import { ZipCiArtifacts } from "../helpers/zip-ci-artifacts.js";

const repo = { owner: "sofie-iot", repo: "flexibility-gateway" };
const run: CompletedRun = {
  id: 42,
  attempt: 1,
  headSha: "a".repeat(40),
  workflowPath: ".github/workflows/sofie-ci.yml",
  conclusion: "success",
  htmlUrl: "https://github.com/sofie-iot/flexibility-gateway/actions/runs/42",
};
const manifest = `component: flexibility-gateway
pilot: energy-exchange
images:
  - name: flexibility-gateway
developers: "@sofie-iot/flexibility-team"
`;

const passing = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="GatewayTest" tests="3" failures="0" errors="0" skipped="1">
  <testcase classname="com.acme.GatewayTest" name="starts" time="0.1"/>
  <testcase classname="com.acme.GatewayTest" name="stops" time="0.1"/>
  <testcase classname="com.acme.GatewayTest" name="later"><skipped/></testcase>
</testsuite>`;

const failing = `<testsuite name="BrokerTest">
  <testcase classname="com.acme.BrokerTest" name="connects"/>
  <testcase classname="com.acme.BrokerTest" name="reconnects">
    <failure message="expected 3 but was 2" type="java.lang.AssertionError">java.lang.AssertionError: expected 3 but was 2
	at com.acme.BrokerTest.reconnects(BrokerTest.java:42)</failure>
  </testcase>
</testsuite>`;

function setup(entries: Record<string, string> | undefined, files: Record<string, string> = {}) {
  const source = new FakeSourceReader({ ".sofie/component.yml": manifest, ...files });
  const artifacts = new FakeCiArtifacts(entries);
  const checks = new FakeCheckRuns();
  return { source, artifacts, checks, deps: { source, artifacts, checks, checkName: "SOFIE tests" } };
}

describe("reportTests", () => {
  it("posts one completed check run with the counts in the title", async () => {
    const { deps, checks, artifacts } = setup({ "reports/unit/TEST-GatewayTest.xml": passing });
    const outcome = await reportTests(deps, repo, run);
    expect(outcome).toMatchObject({
      status: "reported",
      conclusion: "success",
      title: "2 passed, 1 skipped",
    });
    expect(checks.runs).toHaveLength(1);
    expect(checks.runs[0]?.start).toMatchObject({
      name: "SOFIE tests",
      headSha: run.headSha,
      externalId: "sofie-tests:42:1",
    });
    expect(checks.runs[0]?.status).toBe("completed");
    expect(artifacts.closed).toBe(artifacts.opened);
  });

  it("annotates a failure at the file and line from the stack trace", async () => {
    const { deps, checks } = setup(
      { "reports/TEST-BrokerTest.xml": failing },
      { "src/test/java/com/acme/BrokerTest.java": "class BrokerTest {}" },
    );
    const outcome = await reportTests(deps, repo, run);
    expect(outcome).toMatchObject({ conclusion: "failure", title: "1 passed, 1 failed" });
    const last = checks.runs[0]?.updates.at(-1);
    expect(last?.output.annotations).toEqual([
      expect.objectContaining({
        path: "src/test/java/com/acme/BrokerTest.java",
        start_line: 42,
        annotation_level: "failure",
      }),
    ]);
  });

  it("does nothing the second time the same run is reported", async () => {
    const { deps, checks } = setup({ "reports/a.xml": passing });
    await reportTests(deps, repo, run);
    expect(await reportTests(deps, repo, run)).toEqual({ status: "skipped", reason: "already reported" });
    expect(checks.runs).toHaveLength(1);
    expect(checks.runs[0]?.updates).toHaveLength(1);
  });

  it("reports once when the same run arrives twice at the same time", async () => {
    const { deps, checks } = setup({ "reports/a.xml": passing });
    await Promise.all([reportTests(deps, repo, run), reportTests(deps, repo, run)]);
    expect(checks.runs).toHaveLength(1);
  });

  it("finishes a check run that a crash left in progress instead of opening another", async () => {
    const { deps, checks } = setup({ "reports/a.xml": passing });
    await checks.start(repo, {
      name: "SOFIE tests",
      headSha: run.headSha,
      externalId: "sofie-tests:42:1",
      output: { title: "t", summary: "s" },
    });
    await reportTests(deps, repo, run);
    expect(checks.runs).toHaveLength(1);
    expect(checks.runs[0]?.status).toBe("completed");
  });

  it("leaves a repository with no manifest alone", async () => {
    const { deps, checks } = setup({ "reports/a.xml": passing });
    deps.source.files[".sofie/component.yml"] = undefined as unknown as string;
    delete deps.source.files[".sofie/component.yml"];
    expect(await reportTests(deps, repo, run)).toMatchObject({ status: "skipped" });
    expect(checks.runs).toHaveLength(0);
  });

  it("ignores other workflows", async () => {
    const { deps, checks } = setup({ "reports/a.xml": passing });
    const outcome = await reportTests(deps, repo, { ...run, workflowPath: ".github/workflows/lint.yml" });
    expect(outcome).toMatchObject({ status: "skipped" });
    expect(checks.runs).toHaveLength(0);
  });

  it("fails the check and says where it looked when no report matches the glob", async () => {
    const { deps, checks } = setup({ "out/results.txt": "nothing" });
    const outcome = await reportTests(deps, repo, run);
    expect(outcome).toMatchObject({ status: "reported", conclusion: "failure" });
    const summary = checks.runs[0]?.updates.at(-1)?.output.summary ?? "";
    expect(summary).toContain("reports/**/*.xml");
    expect(summary).toContain("sofie-results");
    expect(summary).toContain("out/results.txt");
  });

  it("fails the check when the run uploaded no artifact", async () => {
    const { deps, checks } = setup(undefined);
    await reportTests(deps, repo, { ...run, conclusion: "failure" });
    expect(checks.runs[0]?.updates.at(-1)?.conclusion).toBe("failure");
    expect(checks.runs[0]?.updates.at(-1)?.output.summary).toContain("sofie-results");
  });

  it("reports a malformed report by file and line and still counts the others", async () => {
    const { deps, checks } = setup({
      "reports/a.xml": passing,
      "reports/broken.xml": "<testsuite>\n<testcase name='x'>\n",
    });
    const outcome = await reportTests(deps, repo, run);
    expect(outcome).toMatchObject({ conclusion: "failure" });
    expect(checks.runs[0]?.updates.at(-1)?.output.summary).toContain("reports/broken.xml");
  });

  it("sends annotations 50 to a request and completes with the last batch", async () => {
    const cases = Array.from(
      { length: 120 },
      (_, i) =>
        `<testcase classname="com.acme.BrokerTest" name="t${i}"><failure message="m">at com.acme.BrokerTest.t${i}(BrokerTest.java:${i + 1})</failure></testcase>`,
    ).join("");
    const { deps, checks } = setup(
      { "reports/many.xml": `<testsuite name="many">${cases}</testsuite>` },
      { "src/test/java/com/acme/BrokerTest.java": "" },
    );
    await reportTests(deps, repo, run);
    const updates = checks.runs[0]?.updates ?? [];
    expect(updates.map((u) => u.output.annotations?.length)).toEqual([50, 50, 20]);
    expect(updates.map((u) => u.conclusion)).toEqual([undefined, undefined, "failure"]);
  });
});

describe("reportTests with entries of the artifact it does not read", () => {
  const link = (name: string): ZipItem => ({ name, data: "/etc/passwd", mode: 0o120777 });

  async function reportZip(zip: Buffer) {
    const source = new FakeSourceReader({ ".sofie/component.yml": manifest });
    const checks = new FakeCheckRuns();
    const artifacts = new ZipCiArtifacts(zip);
    const outcome = await reportTests({ source, artifacts, checks, checkName: "SOFIE tests" }, repo, run);
    const last = checks.runs[0]?.updates.at(-1);
    return { outcome, conclusion: last?.conclusion, summary: last?.output.summary ?? "" };
  }

  it("fails, naming the entry, when a report the glob matches is a symbolic link", async () => {
    const { outcome, conclusion, summary } = await reportZip(
      await makeZip([{ name: "reports/ok.xml", data: passing }, link("reports/passwd.xml")]),
    );
    expect(conclusion).toBe("failure");
    expect(outcome).toMatchObject({
      title: "2 passed, 1 skipped, 1 report unreadable",
      results: { reportsFound: true, parseErrors: 1 },
    });
    expect(summary).toMatch(/`reports\/passwd\.xml:1:1` .*symbolic link/);
    expect(summary).not.toContain("root:");
  });

  it("fails when a matching report is encrypted", async () => {
    const zip = await makeZip([
      { name: "reports/ok.xml", data: passing },
      { name: "reports/secret.xml", data: failing },
    ]);
    const { conclusion, summary } = await reportZip(markEncrypted(zip, "reports/secret.xml"));
    expect(conclusion).toBe("failure");
    expect(summary).toMatch(/`reports\/secret\.xml:1:1` .*encrypted/);
  });

  it("fails as unreadable, not as 'nothing matches', when the only matching report is a link", async () => {
    const { outcome, conclusion, summary } = await reportZip(await makeZip([link("reports/passwd.xml")]));
    expect(conclusion).toBe("failure");
    expect(outcome).toMatchObject({ results: { reportsFound: true, parseErrors: 1 } });
    expect(summary).toContain("reports/passwd.xml");
    expect(summary).not.toContain("matches");
  });

  it("lists entries the glob does not match that were not read, and stays green", async () => {
    const { conclusion, summary } = await reportZip(
      await makeZip([{ name: "reports/ok.xml", data: passing }, link("logs/latest.log")]),
    );
    expect(conclusion).toBe("success");
    expect(summary).toContain("### Files not read (1)");
    expect(summary).toContain("- `logs/latest.log`: a symbolic link");
  });
});

describe("reportTests when the artifact cannot be downloaded", () => {
  const failures: Array<[string, unknown]> = [
    ["410 Gone", Object.assign(new Error("Artifact has expired"), { status: 410 })],
    ["404 Not Found", Object.assign(new Error("Not Found"), { status: 404 })],
    ["502 after retries", Object.assign(new Error("Bad Gateway"), { status: 502 })],
    ["a redirect that fails", new TypeError("fetch failed")],
  ];
  it.each(failures)(
    "completes the check run, failed, with the reason and what to do: %s",
    async (_name, error) => {
      const { deps, checks, artifacts } = setup({ "reports/a.xml": passing });
      artifacts.openArtifact = async () => Promise.reject(error);
      const outcome = await reportTests(deps, repo, run);
      expect(checks.runs).toHaveLength(1);
      expect(checks.runs[0]?.status).toBe("completed");
      const last = checks.runs[0]!.updates.at(-1)!;
      expect(last.conclusion).toBe("failure");
      expect(last.output.title).toBe("No test results: the artifact could not be downloaded");
      expect(last.output.summary).toContain((error as Error).message);
      expect(last.output.summary).toContain("Re-run the workflow");
      expect(outcome).toMatchObject({
        status: "reported",
        results: { reportsFound: false, readError: expect.stringContaining((error as Error).message) },
      });
    },
  );

  it("says an expired artifact expired, rather than asking for an upload", async () => {
    const { deps, checks, artifacts } = setup({ "reports/a.xml": passing });
    artifacts.findRunArtifact = async () => ({ id: 1, name: "sofie-results", sizeInBytes: 1, expired: true });
    await reportTests(deps, repo, run);
    const last = checks.runs[0]!.updates.at(-1)!;
    expect(last.output.summary).toContain("expired");
    expect(last.output.summary).not.toContain("actions/upload-artifact` and `name:");
  });

  it("completes the check run when locating failures fails half-way", async () => {
    const { deps, checks, source } = setup({ "reports/TEST-BrokerTest.xml": failing });
    source.listPaths = async () => Promise.reject(Object.assign(new Error("Server Error"), { status: 500 }));
    await reportTests(deps, repo, run);
    expect(checks.runs[0]?.status).toBe("completed");
  });
});
