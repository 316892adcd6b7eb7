/**
 * Hand-built reports for the render tests (the parser lives elsewhere): a realistic run of a
 * component with Java, TypeScript and Python tests, and generators for hostile and huge ones.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestCase, TestReport, TestSuite } from "../../../src/domain/junit/test-results.js";

const OUTPUTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "__outputs__");

/** Writes rendered Markdown to `test/__outputs__/<name>.md`, committed so reviewers read the real text. */
export function writeOutput(name: string, markdown: string): void {
  mkdirSync(OUTPUTS, { recursive: true });
  writeFileSync(join(OUTPUTS, `${name}.md`), markdown.endsWith("\n") ? markdown : `${markdown}\n`);
}

export function suite(name: string, cases: TestCase[], extra: Partial<TestSuite> = {}): TestSuite {
  return { name, cases, suites: [], ...extra };
}

export function passed(name: string, classname?: string, time = 0.01): TestCase {
  return { name, outcome: "passed", time, ...(classname ? { classname } : {}) };
}

export const JAVA_TRACE = `org.opentest4j.AssertionFailedError: expected: <12.35> but was: <12.34>
\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)
\tat org.junit.jupiter.api.AssertionFailureBuilder.buildAndThrow(AssertionFailureBuilder.java:132)
\tat org.junit.jupiter.api.AssertEquals.failNotEqual(AssertEquals.java:197)
\tat org.junit.jupiter.api.Assertions.assertEquals(Assertions.java:664)
\tat com.acme.gateway.PriceService.round(PriceService.java:88)
\tat com.acme.gateway.PriceServiceTest.roundsHalfUpToCents(PriceServiceTest.java:42)
\tat java.base/java.lang.reflect.Method.invoke(Method.java:568)
\tat org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:727)`;

export const JS_TRACE = `Error: expect(received).toBe(expected) // Object.is equality

Expected: "connected"
Received: "closed"
    at Object.toBe (/home/runner/work/flexibility-gateway/flexibility-gateway/node_modules/expect/build/index.js:312:22)
    at Object.<anonymous> (/home/runner/work/flexibility-gateway/flexibility-gateway/src/broker/client.test.ts:27:31)
    at processTicksAndRejections (node:internal/process/task_queues:95:5)`;

export const PYTHON_TRACE = `@pytest.fixture
    def tariff_db():
>       return connect(os.environ["TARIFF_DB"])

tests/conftest.py:12:
_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _

url = None

    def connect(url):
>       raise ConnectionError(f"cannot reach tariff database at {url}")
E       ConnectionError: cannot reach tariff database at None

gateway/tariffs/db.py:40: ConnectionError`;

/** The repository tree the realistic reports come from. */
export const REPO_PATHS = [
  "README.md",
  "pom.xml",
  "src/main/java/com/acme/gateway/PriceService.java",
  "src/test/java/com/acme/gateway/PriceServiceTest.java",
  "src/broker/client.ts",
  "src/broker/client.test.ts",
  "gateway/tariffs/db.py",
  "tests/conftest.py",
  "tests/test_tariffs.py",
];

/** Three reports, five suites (one nested), passes, two failures, an error and a skipped case. */
export function realisticReports(): TestReport[] {
  return [
    {
      file: "reports/TEST-com.acme.gateway.PriceServiceTest.xml",
      suites: [
        suite(
          "com.acme.gateway.PriceServiceTest",
          [
            passed("parsesEuroAmounts()", "com.acme.gateway.PriceServiceTest", 0.012),
            passed("rejectsNegativePrices()", "com.acme.gateway.PriceServiceTest", 0.003),
            {
              name: "roundsHalfUpToCents()",
              classname: "com.acme.gateway.PriceServiceTest",
              time: 0.021,
              outcome: "failed",
              fault: {
                kind: "failure",
                type: "org.opentest4j.AssertionFailedError",
                message: "expected: <12.35> but was: <12.34>",
                details: JAVA_TRACE,
                truncated: false,
              },
            },
            {
              name: "convertsCurrencies()",
              classname: "com.acme.gateway.PriceServiceTest",
              outcome: "skipped",
              skipMessage: "exchange-rate feed not configured",
            },
          ],
          { time: 0.05 },
        ),
      ],
    },
    {
      file: "reports/jest-junit.xml",
      suites: [
        suite(
          "src/broker/client.test.ts",
          [
            passed("BrokerClient connects with BROKER_HOST", "BrokerClient connects with BROKER_HOST", 0.2),
            {
              name: "BrokerClient reconnects after the broker restarts",
              classname: "BrokerClient reconnects after the broker restarts",
              time: 1.5,
              outcome: "failed",
              fault: {
                kind: "failure",
                message: JS_TRACE.split("\n")[0]!,
                details: JS_TRACE,
                truncated: false,
              },
            },
          ],
          { time: 1.7 },
        ),
        suite("src/broker/topics.test.ts", [passed("maps topics", "maps topics"), passed("escapes # and +")]),
      ],
    },
    {
      file: "reports/pytest.xml",
      suites: [
        suite("pytest", [], {
          time: 0.9,
          suites: [
            suite("tests.test_tariffs", [
              passed("test_peak_hours", "tests.test_tariffs"),
              passed("test_off_peak_hours", "tests.test_tariffs"),
              {
                name: "test_tariff_lookup",
                classname: "tests.test_tariffs",
                time: 0.4,
                outcome: "error",
                fault: {
                  kind: "error",
                  message: 'failed on setup with "ConnectionError: cannot reach tariff database at None"',
                  details: PYTHON_TRACE,
                  truncated: false,
                },
              },
            ]),
          ],
        }),
      ],
    },
  ];
}

/** `count` cases in suites of `perSuite`; every `failEvery`-th fails with a trace of `traceBytes`. */
export function hugeReport(
  count: number,
  perSuite: number,
  failEvery: number,
  traceBytes: number,
): TestReport {
  const frame = "    at com.acme.load.Generated.method(Generated.java:1)\n";
  const trace = `java.lang.AssertionError: boom\n${frame.repeat(Math.ceil(traceBytes / frame.length))}`.slice(
    0,
    traceBytes,
  );
  const suites: TestSuite[] = [];
  for (let s = 0; s * perSuite < count; s++) {
    const cases: TestCase[] = [];
    for (let i = s * perSuite; i < Math.min(count, (s + 1) * perSuite); i++) {
      cases.push(
        i % failEvery === failEvery - 1
          ? {
              name: `case ${i}`,
              classname: `com.acme.load.Suite${s}`,
              outcome: "failed",
              fault: { kind: "failure", message: `case ${i} failed`, details: trace, truncated: false },
            }
          : { name: `case ${i}`, classname: `com.acme.load.Suite${s}`, outcome: "passed", time: 0.001 },
      );
    }
    suites.push(suite(`com.acme.load.Suite${s}`, cases));
  }
  return { file: "reports/load.xml", suites };
}
