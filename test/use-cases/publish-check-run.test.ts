import { GITHUB_TEXT_LIMIT, MAX_ANNOTATIONS } from "../../src/domain/limits.js";
import type { CheckAnnotation } from "../../src/domain/render/check-annotation.js";
import { publishCheckRun, startCheckRun } from "../../src/use-cases/publish-check-run.js";
import { FakeCheckRuns } from "../helpers/fakes.js";

const repo = { owner: "sofie-iot", repo: "flexibility-gateway" };
const target = { name: "SOFIE maturity", headSha: "a".repeat(40), externalId: "sofie-maturity:aaa" };
const annotations = (count: number): CheckAnnotation[] =>
  Array.from({ length: count }, (_, i) => ({
    path: "Dockerfile",
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: "warning",
    message: `finding ${i}`,
  }));
const result = (count: number) => ({
  title: "Level 2: Built and tested",
  summary: "summary",
  conclusion: "success" as const,
  annotations: annotations(count),
});

describe("publishCheckRun", () => {
  it("starts the run, sends annotations 50 to a request and completes it with the last batch", async () => {
    const checks = new FakeCheckRuns();
    const published = await publishCheckRun(checks, repo, target, result(120));
    expect(checks.runs).toHaveLength(1);
    const [run] = checks.runs;
    expect(run?.start).toMatchObject({ ...target, output: { title: "Level 2: Built and tested" } });
    expect(run?.start.output.annotations).toBeUndefined();
    expect(run?.updates.map((u) => u.output.annotations?.length)).toEqual([50, 50, 20]);
    expect(run?.updates.map((u) => u.conclusion)).toEqual([undefined, undefined, "success"]);
    expect(published).toMatchObject({ id: run?.id, annotations: 120, truncated: false });
  });

  it("completes a run with no annotation in one request", async () => {
    const checks = new FakeCheckRuns();
    await publishCheckRun(checks, repo, target, result(0));
    expect(checks.runs[0]?.updates).toEqual([
      {
        conclusion: "success",
        output: { title: "Level 2: Built and tested", summary: "summary", annotations: [] },
      },
    ]);
  });

  it("finishes a run an earlier attempt left in progress, annotations included, without starting another", async () => {
    const checks = new FakeCheckRuns();
    await startCheckRun(checks, repo, target, { title: "t", summary: "s" });
    await publishCheckRun(checks, repo, target, result(3));
    expect(checks.runs).toHaveLength(1);
    expect(checks.runs[0]?.updates.at(-1)?.output.annotations).toHaveLength(3);
  });

  it("updates a completed run again without adding its annotations a second time", async () => {
    const checks = new FakeCheckRuns();
    await publishCheckRun(checks, repo, target, result(3));
    const again = await publishCheckRun(checks, repo, target, { ...result(3), conclusion: "neutral" });
    expect(checks.runs).toHaveLength(1);
    expect(checks.runs[0]?.updates.at(-1)).toMatchObject({
      conclusion: "neutral",
      output: { annotations: [] },
    });
    expect(again).toMatchObject({ completed: true, annotations: 0 });
  });

  it("keeps the output within GitHub's limits and says it cut it", async () => {
    const checks = new FakeCheckRuns();
    const published = await publishCheckRun(checks, repo, target, {
      ...result(MAX_ANNOTATIONS + 5),
      summary: "s".repeat(GITHUB_TEXT_LIMIT + 1),
      text: "t".repeat(GITHUB_TEXT_LIMIT * 2),
    });
    const updates = checks.runs[0]?.updates ?? [];
    expect(updates.flatMap((u) => u.output.annotations ?? [])).toHaveLength(MAX_ANNOTATIONS);
    expect(updates).toHaveLength(MAX_ANNOTATIONS / 50);
    for (const { output } of [...updates, checks.runs[0]!.start]) {
      expect(output.summary.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
      expect((output.text ?? "").length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
    }
    expect(updates.at(-1)?.output.summary).toMatch(/cut to fit GitHub's size limit/);
    expect(published.truncated).toBe(true);
  });
});
