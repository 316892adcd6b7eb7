import { locateFailure } from "../../../src/domain/junit/locate-failure.js";
import type { TestCase } from "../../../src/domain/junit/test-results.js";

const REPO = new Set([
  "src/test/java/com/acme/gateway/PriceServiceTest.java",
  "src/main/java/com/acme/gateway/PriceService.java",
  "src/broker/client.ts",
  "src/broker/client.test.ts",
  "tests/test_tariffs.py",
  "gateway/tariffs/db.py",
  "pkg/meter/meter_test.go",
  "tests/Gateway.Tests/PriceTests.cs",
  "tests/Unit/PriceTest.php",
  "packages/a/src/util.test.ts",
  "packages/b/src/util.test.ts",
]);

function failedCase(details: string, extra: Partial<TestCase> = {}): TestCase {
  return {
    name: "t",
    outcome: "failed",
    fault: { kind: "failure", details, truncated: false },
    ...extra,
  };
}

describe("locateFailure from file and line attributes", () => {
  it.each([
    ["src/broker/client.test.ts", "src/broker/client.test.ts"],
    ["./src/broker/client.test.ts", "src/broker/client.test.ts"],
    ["/home/runner/work/gw/gw/src/broker/client.test.ts", "src/broker/client.test.ts"],
    ["/github/workspace/src/broker/client.test.ts", "src/broker/client.test.ts"],
    ["D:\\a\\gw\\gw\\src\\broker\\client.test.ts", "src/broker/client.test.ts"],
    ["/Users/runner/work/gw/gw/tests/test_tariffs.py", "tests/test_tariffs.py"],
    ["/some/other/checkout/tests/test_tariffs.py", "tests/test_tariffs.py"],
    ["file:///home/me/gw/src/broker/client.ts", "src/broker/client.ts"],
  ])("maps %s to %s", (file, path) => {
    expect(locateFailure({ name: "t", outcome: "failed", file, line: 12 }, REPO)).toEqual({ path, line: 12 });
  });

  it("strips configured workspace prefixes", () => {
    const testCase: TestCase = {
      name: "t",
      outcome: "failed",
      file: "/srv/ci/build-7/src/broker/client.ts",
      line: 3,
    };
    expect(locateFailure(testCase, REPO, { workspacePrefixes: ["/srv/ci/build-7"] })).toEqual({
      path: "src/broker/client.ts",
      line: 3,
    });
  });

  it("takes the line from the trace when the file attribute has none, else line 1", () => {
    const trace = "    at Object.<anonymous> (/home/runner/work/gw/gw/src/broker/client.test.ts:27:31)";
    expect(locateFailure(failedCase(trace, { file: "src/broker/client.test.ts" }), REPO)).toEqual({
      path: "src/broker/client.test.ts",
      line: 27,
    });
    expect(locateFailure(failedCase("", { file: "tests/test_tariffs.py" }), REPO)).toEqual({
      path: "tests/test_tariffs.py",
      line: 1,
    });
  });

  it("skips ambiguous and unknown files", () => {
    expect(
      locateFailure({ name: "t", outcome: "failed", file: "src/util.test.ts", line: 1 }, REPO),
    ).toBeUndefined();
    expect(
      locateFailure({ name: "t", outcome: "failed", file: "nowhere.ts", line: 1 }, REPO),
    ).toBeUndefined();
  });

  it("accepts an array of paths and Windows separators in them", () => {
    const testCase: TestCase = { name: "t", outcome: "failed", file: "src/a.ts", line: 2 };
    expect(locateFailure(testCase, ["src\\a.ts"])).toEqual({ path: "src/a.ts", line: 2 });
  });
});

describe("locateFailure from stack traces", () => {
  it("prefers the Java frame of the test's own class and maps its package to a path", () => {
    const trace = [
      "org.opentest4j.AssertionFailedError: expected: <1> but was: <2>",
      "\tat org.junit.jupiter.api.Assertions.assertEquals(Assertions.java:664)",
      "\tat com.acme.gateway.PriceService.round(PriceService.java:88)",
      "\tat com.acme.gateway.PriceServiceTest.roundsToCents(PriceServiceTest.java:42)",
      "\tat java.base/java.lang.reflect.Method.invoke(Method.java:568)",
    ].join("\n");
    expect(
      locateFailure(failedCase(trace, { classname: "com.acme.gateway.PriceServiceTest" }), REPO),
    ).toEqual({
      path: "src/test/java/com/acme/gateway/PriceServiceTest.java",
      line: 42,
    });
    // Without a matching class, the first frame in the repository.
    expect(locateFailure(failedCase(trace, { classname: "Other" }), REPO)).toEqual({
      path: "src/main/java/com/acme/gateway/PriceService.java",
      line: 88,
    });
  });

  it("maps nested Java classes and module-qualified frames", () => {
    const trace = "\tat app//com.acme.gateway.PriceServiceTest$Rounding.halfUp(PriceServiceTest.java:51)";
    expect(
      locateFailure(failedCase(trace, { classname: "com.acme.gateway.PriceServiceTest$Rounding" }), REPO),
    ).toEqual({ path: "src/test/java/com/acme/gateway/PriceServiceTest.java", line: 51 });
  });

  it("does not map a Java frame by file name alone to another package", () => {
    const trace = "\tat org.other.PriceServiceTest.x(PriceServiceTest.java:5)";
    expect(locateFailure(failedCase(trace), REPO)).toBeUndefined();
  });

  it("reads JavaScript frames and skips node_modules and node internals", () => {
    const trace = [
      "Error: expect(received).toBe(expected)",
      "    at Object.toBe (/home/runner/work/gw/gw/node_modules/expect/build/index.js:312:22)",
      "    at processTicksAndRejections (node:internal/process/task_queues:95:5)",
      "    at Object.<anonymous> (/home/runner/work/gw/gw/src/broker/client.test.ts:27:31)",
    ].join("\n");
    expect(locateFailure(failedCase(trace), REPO)).toEqual({ path: "src/broker/client.test.ts", line: 27 });
  });

  it.each([
    ["    at /home/runner/work/gw/gw/src/broker/client.ts:10:5", "src/broker/client.ts", 10],
    ["    at async file:///home/runner/work/gw/gw/src/broker/client.ts:11:2", "src/broker/client.ts", 11],
    ["    at Client.open (C:\\work\\my gw\\src\\broker\\client.ts:12:3)", "src/broker/client.ts", 12],
    [
      '  File "/home/runner/work/gw/gw/gateway/tariffs/db.py", line 40, in connect',
      "gateway/tariffs/db.py",
      40,
    ],
    ["    meter_test.go:12: expected 3 readings, got 2", "pkg/meter/meter_test.go", 12],
    [
      "   at Gateway.Tests.PriceTests.Rounds() in /src/tests/Gateway.Tests/PriceTests.cs:line 42",
      "tests/Gateway.Tests/PriceTests.cs",
      42,
    ],
    ["/app/tests/Unit/PriceTest.php:42", "tests/Unit/PriceTest.php", 42],
  ])("reads %s", (line, path, lineNumber) => {
    expect(locateFailure(failedCase(`Error: boom\n${line}`), REPO)).toEqual({ path, line: lineNumber });
  });

  it("prefers the pytest frame in the test's module, innermost first", () => {
    const trace = [
      "    def test_lookup():",
      ">       assert lookup('peak') == 3",
      "",
      "tests/test_tariffs.py:12: ",
      "_ _ _ _ _ _ _ _",
      "gateway/tariffs/db.py:40: ConnectionError",
    ].join("\n");
    expect(locateFailure(failedCase(trace, { classname: "tests.test_tariffs" }), REPO)).toEqual({
      path: "tests/test_tariffs.py",
      line: 12,
    });
    expect(locateFailure(failedCase(trace, { classname: "elsewhere" }), REPO)).toEqual({
      path: "gateway/tariffs/db.py",
      line: 40,
    });
  });

  it("falls back to the message when there are no details", () => {
    const testCase: TestCase = {
      name: "t",
      outcome: "error",
      fault: { kind: "error", message: "pkg/meter/meter_test.go:7: timeout", truncated: false },
    };
    expect(locateFailure(testCase, REPO)).toEqual({ path: "pkg/meter/meter_test.go", line: 7 });
  });

  it("skips ambiguous trace paths and frames in vendor and site-packages", () => {
    expect(locateFailure(failedCase("    at x (/ci/src/util.test.ts:1:1)"), REPO)).toBeUndefined();
    const repo = ["vendor/lib/x.go", "venv/lib/site-packages/m.py"];
    expect(
      locateFailure(failedCase("vendor/lib/x.go:3: x\nvenv/lib/site-packages/m.py:4: y"), repo),
    ).toBeUndefined();
  });

  it("returns undefined for a case with nothing to go on", () => {
    expect(locateFailure({ name: "t", outcome: "failed" }, REPO)).toBeUndefined();
    expect(
      locateFailure(failedCase("0:0\n:12\nx:0:0\n12345678901234567890.ts:99999999999"), REPO),
    ).toBeUndefined();
  });
});

describe("locateFailure on hostile traces", () => {
  // Each must finish promptly (the jest timeout is the only clock): nothing here may backtrack.
  it.each([
    ["64 KiB of one long line", "a".repeat(64 * 1024)],
    ["64 KiB of colons", ":".repeat(64 * 1024)],
    ["64 KiB of digits and colons", "1:".repeat(32 * 1024)],
    ["many short lines", "at x (\n".repeat(20_000)],
    ["Java-looking garbage", `at ${"a.".repeat(30_000)}`],
    ["a quote that never closes", `File "${"x".repeat(60_000)}`],
    ["dotnet-looking garbage", `at ${" in x:line ".repeat(5000)}`],
    ["dots and letters", "a.b".repeat(20_000)],
  ])("%s", (_label, details) => {
    const repo = Array.from({ length: 20_000 }, (_, i) => `src/dir${i % 100}/file${i}.ts`);
    expect(locateFailure(failedCase(details), repo)).toBeUndefined();
  });

  it("scans only the first 200 lines", () => {
    const trace = `${"noise\n".repeat(500)}    at x (/ci/src/broker/client.ts:5:1)`;
    expect(locateFailure(failedCase(trace), REPO)).toBeUndefined();
  });
});
