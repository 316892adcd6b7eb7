import { readFileSync } from "node:fs";
import type { CliIo } from "../../src/cli/cli-io.js";
import { runJunitCommand } from "../../src/cli/junit-command.js";
import { runCli } from "../../src/cli/run-cli.js";
import { FIXTURES } from "../helpers/junit.js";

interface Captured extends CliIo {
  out: string;
  err: string;
}

/** An in-memory world: files from a map, or the fixtures folder for `fixture:` paths. */
function fakeIo(files: Record<string, string> = {}): Captured {
  const io: Captured = {
    out: "",
    err: "",
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
    readFile: (path) =>
      (async function* () {
        if (path.startsWith("fixture:")) {
          yield readFileSync(new URL(path.slice("fixture:".length), FIXTURES));
          return;
        }
        const text = files[path];
        if (text === undefined) throw Object.assign(new Error(`ENOENT: open '${path}'`), { code: "ENOENT" });
        yield new TextEncoder().encode(text);
      })(),
  };
  return io;
}

const SUREFIRE = "fixture:surefire/handwritten-TEST-eu.sofie.gateway.GatewayTest.xml";
const PYTEST = "fixture:pytest/xunit2.xml";

describe("sofie-bot junit", () => {
  it("prints one JSON object with totals over all files, suites and cases; exit 0 even with failures", async () => {
    const io = fakeIo();
    expect(await runJunitCommand([SUREFIRE, "--json", PYTEST], io)).toBe(0);
    expect(io.err).toBe("");
    expect(io.out.trim().split("\n")).toHaveLength(1);
    const result = JSON.parse(io.out);
    expect(result).toMatchObject({ tests: 14, passed: 7, failures: 2, errors: 2, skipped: 3 });
    expect(result.reports.map((r: { file: string }) => r.file)).toEqual([SUREFIRE, PYTEST]);
    expect(result.reports[0].suites[0].cases[2]).toMatchObject({
      name: "rejectsOversizedPayload",
      outcome: "failed",
      fault: { kind: "failure", message: "expected: <413> but was: <200>" },
    });
  });

  it("prints a readable summary with the failures listed", async () => {
    const io = fakeIo();
    expect(await runJunitCommand([SUREFIRE], io)).toBe(0);
    expect(io.out).toMatch(/^3 passed, 1 failed, 1 error, 1 skipped \(6 tests in 1 report\)\n/);
    expect(io.out).toContain("FAILED eu.sofie.gateway.GatewayTest › rejectsOversizedPayload");
    expect(io.out).toContain("expected: <413> but was: <200>");
    expect(io.out).toContain("ERROR  eu.sofie.gateway.GatewayTest › readsConfig");
  });

  it.each([
    [[], /^sofie-bot: junit: no report files given\n/],
    [["--xml", "a.xml"], /^sofie-bot: junit: unknown option --xml\n/],
  ])("exits 1 on a usage error %j", async (args, message) => {
    const io = fakeIo();
    expect(await runJunitCommand(args, io)).toBe(1);
    expect(io.err).toMatch(message);
    expect(io.out).toBe("");
  });

  it.each([
    ["missing.xml", {}, "sofie-bot: missing.xml: no such file\n"],
    [
      "reports/a.xml",
      { "reports/a.xml": '<testsuite>\n  <testcase name="x">\n' },
      "sofie-bot: reports/a.xml:2:3 unclosed tag <testcase>: the file ends before it is closed (truncated report?)\n",
    ],
    [
      "evil.xml",
      { "evil.xml": '<!DOCTYPE t [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]><testsuite name="&x;"/>' },
      "sofie-bot: evil.xml:1:1 DOCTYPE/entity declarations are not allowed in JUnit reports; remove the <!DOCTYPE ...>\n",
    ],
    [
      "page.html",
      { "page.html": "<html>\n</html>" },
      "sofie-bot: page.html:1:1 not a JUnit report: root element <html>, expected <testsuites> or <testsuite>\n",
    ],
  ])("exits 2 with a one-line reason for %s", async (file, files, stderr) => {
    const io = fakeIo(files);
    expect(await runJunitCommand([file], io)).toBe(2);
    expect(io.err).toBe(stderr);
    expect(io.out).toBe("");
  });

  it("names every file that cannot be used, one line each, and prints no totals", async () => {
    const io = fakeIo({ "a.xml": "<testsuite><testcase name='a'/></testsuite>", "b.xml": "<testsuite>" });
    expect(await runJunitCommand(["b.xml", "a.xml", "missing.xml"], io)).toBe(2);
    expect(io.err).toBe(
      "sofie-bot: b.xml:1:1 unclosed tag <testsuite>: the file ends before it is closed (truncated report?)\n" +
        "sofie-bot: missing.xml: no such file\n",
    );
    expect(io.out).toBe("");
  });

  it("treats arguments after -- as files", async () => {
    const io = fakeIo({ "--json": "<testsuite><testcase name='a'/></testsuite>" });
    expect(await runJunitCommand(["--", "--json"], io)).toBe(0);
    expect(io.out).toMatch(/^1 passed, 0 failed, 0 skipped/);
  });
});

describe("sofie-bot", () => {
  it("dispatches to a subcommand", async () => {
    const io = fakeIo();
    expect(await runCli(["junit", "--json", PYTEST], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ tests: 8 });
  });

  it.each([[[]], [["frobnicate"]], [["constructor"]]])("prints usage and exits 1 for %j", async (argv) => {
    const io = fakeIo();
    expect(await runCli(argv, io)).toBe(1);
    expect(io.err).toContain("usage: sofie-bot <command>");
    expect(io.err).toContain("junit");
  });

  it("prints usage on --help", async () => {
    const io = fakeIo();
    expect(await runCli(["--help"], io)).toBe(0);
    expect(io.out).toContain("usage: sofie-bot <command>");
  });
});
