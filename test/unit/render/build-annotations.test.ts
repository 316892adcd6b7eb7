import { batchAnnotations } from "../../../src/domain/render/batch-annotations.js";
import { buildAnnotations } from "../../../src/domain/render/build-annotations.js";
import type { TestReport } from "../../../src/domain/junit/test-results.js";
import { JAVA_TRACE, REPO_PATHS, realisticReports, suite } from "./sample-reports.js";

describe("buildAnnotations", () => {
  it("annotates each failure and error of the realistic run at its line", () => {
    const annotations = buildAnnotations(realisticReports(), new Set(REPO_PATHS));
    expect(annotations.map((a) => [a.path, a.start_line, a.end_line, a.annotation_level])).toEqual([
      ["src/test/java/com/acme/gateway/PriceServiceTest.java", 42, 42, "failure"],
      ["src/broker/client.test.ts", 27, 27, "failure"],
      ["gateway/tariffs/db.py", 40, 40, "failure"], // innermost Python frame: no frame in the test module
    ]);
    expect(annotations[0]).toMatchObject({
      title: "com.acme.gateway.PriceServiceTest › roundsHalfUpToCents() failed",
      message: "org.opentest4j.AssertionFailedError: expected: <12.35> but was: <12.34>",
      raw_details: JAVA_TRACE,
    });
    expect(annotations[2]!.title).toBe("pytest › tests.test_tariffs › test_tariff_lookup errored");
  });

  it("leaves out failures it cannot place, and stops at maxAnnotations", () => {
    expect(buildAnnotations(realisticReports(), ["README.md"])).toEqual([]);
    expect(buildAnnotations(realisticReports(), REPO_PATHS, { maxAnnotations: 1 })).toHaveLength(1);
  });

  it("cuts title, message and details to GitHub's limits", () => {
    const reports: TestReport[] = [
      {
        file: "r.xml",
        suites: [
          suite("s", [
            {
              name: "é".repeat(1000),
              outcome: "failed",
              file: "src/a.ts",
              line: 3,
              fault: {
                kind: "failure",
                message: "€".repeat(70_000),
                details: "😀".repeat(40_000),
                truncated: true,
              },
            },
          ]),
        ],
      },
    ];
    const [annotation] = buildAnnotations(reports, ["src/a.ts"]);
    expect(annotation!.title!.length).toBeLessThanOrEqual(255);
    expect(new TextEncoder().encode(annotation!.message).length).toBeLessThanOrEqual(65536);
    expect(new TextEncoder().encode(annotation!.raw_details!).length).toBeLessThanOrEqual(65536);
    expect(annotation!.raw_details!.endsWith("😀…")).toBe(true); // no half surrogate at the cut
  });
});

describe("batchAnnotations", () => {
  it("batches by 50 by default", () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(batchAnnotations(items).map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batchAnnotations(items, 60).map((b) => b[0])).toEqual([0, 60]);
    expect(batchAnnotations([])).toEqual([]);
  });

  it("rejects a batch size that would loop forever", () => {
    expect(() => batchAnnotations([1], 0)).toThrow(RangeError);
    expect(() => batchAnnotations([1], 0.5)).toThrow(RangeError);
  });
});
