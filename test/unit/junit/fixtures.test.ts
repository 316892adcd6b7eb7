import { summarize } from "../../../src/domain/junit/summarize.js";
import { fixtureBytes, parseBytes } from "../../helpers/junit.js";

/** Expected totals per fixture; "generated" ones come from the real tool (scripts/generate-junit-fixtures.sh). */
const EXPECTED: Record<
  string,
  [tests: number, passed: number, failures: number, errors: number, skipped: number]
> = {
  // generated here by the real tools
  "jest-junit/calculator.xml": [8, 5, 2, 0, 1], // test.todo has no <skipped>: passed by the rule
  "mocha-xunit/gateway.xml": [6, 1, 3, 0, 2],
  "mocha-junit-reporter/gateway.xml": [4, 1, 3, 0, 0], // pending tests are left out by the reporter
  "pytest/xunit2.xml": [8, 4, 1, 1, 2],
  "pytest/xunit1-file-line.xml": [8, 4, 1, 1, 2],
  "ctest/ctest.xml": [5, 1, 1, 0, 3], // status="disabled" counts as skipped
  // hand-written in the tool's shape
  "bazel/handwritten-test.xml": [1, 0, 0, 1, 0],
  "cypress/handwritten-results.xml": [4, 2, 1, 0, 1],
  "dotnet-junit-logger/handwritten-TestResults.xml": [4, 2, 1, 0, 1],
  "go-junit-report/handwritten-report.xml": [5, 2, 1, 1, 1],
  "gotestsum/handwritten-junit.xml": [4, 2, 1, 0, 1],
  "gradle/handwritten-TEST-eu.sofie.meter.MeterReaderTest.xml": [4, 2, 1, 0, 1],
  "karma/handwritten-karma-junit.xml": [4, 2, 1, 0, 1],
  "phpunit/handwritten-junit.xml": [8, 4, 1, 1, 2],
  "playwright/handwritten-results.xml": [4, 2, 1, 0, 1],
  "surefire/handwritten-TEST-eu.sofie.gateway.GatewayTest.xml": [6, 3, 1, 1, 1],
  // edge cases
  "edge-cases/cases-under-testsuites.xml": [3, 2, 1, 0, 0],
  "edge-cases/cdata-and-markup-in-text.xml": [3, 1, 1, 0, 1],
  "edge-cases/file-line-and-times.xml": [5, 2, 1, 0, 2],
  "edge-cases/flaky-and-rerun.xml": [6, 2, 3, 1, 0],
  "edge-cases/iso-8859-1.xml": [2, 1, 1, 0, 0],
  "edge-cases/windows-1252.xml": [2, 1, 1, 0, 0],
  "edge-cases/nested-suites.xml": [5, 3, 1, 0, 1],
  "edge-cases/nested-cases.xml": [19, 16, 1, 1, 1], // cases nested in cases count, each by its own children
  "edge-cases/utf-16le-bom.xml": [2, 1, 0, 0, 1],
  "edge-cases/utf-16be-bom.xml": [2, 1, 0, 0, 1],
  "edge-cases/utf-8-bom.xml": [1, 1, 0, 0, 0],
};

describe.each(Object.entries(EXPECTED))("fixture %s", (path, [tests, passed, failures, errors, skipped]) => {
  const bytes = fixtureBytes(path);

  it("has the exact totals", async () => {
    const report = await parseBytes(bytes, { file: path });
    expect(summarize([report])).toMatchObject({ tests, passed, failures, errors, skipped });
  });

  it("parses the same with the output fast path off and in tiny chunks", async () => {
    const reference = await parseBytes(bytes, { file: path, skipOutputFast: false });
    for (const size of [1, 3, 17, 4096]) {
      expect(await parseBytes(bytes, { file: path }, size)).toEqual(reference);
    }
  });
});
