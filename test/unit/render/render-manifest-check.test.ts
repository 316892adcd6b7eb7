/**
 * The manifest check of a pull request that changes the manifest (valid, with problems, removed),
 * written to test/__outputs__/manifest-check-*.md (committed) so that reviewers read the real text.
 */
import { parseManifest } from "../../../src/domain/manifest/parse-manifest.js";
import { DEFAULT_LADDER } from "../../../src/domain/maturity/default-ladder.js";
import { evaluatePullRequest } from "../../../src/domain/maturity/evaluate-pull-request.js";
import { MANIFEST_PATH } from "../../../src/domain/names.js";
import { renderManifestCheck } from "../../../src/domain/render/render-manifest-check.js";
import { BUILT_AND_TESTED } from "../../helpers/maturity-evidence.js";
import { writeOutput } from "./sample-reports.js";

const VALID = `component: flexibility-gateway
pilot: energy-exchange
images:
  - name: flexibility-gateway
developers: "@sofie-iot/flexibility-team"
`;
const BROKEN = `component: Flexibility_Gateway
pilot: energy-exchange
ci: { workflow: .github/workflows/ci.yml }
images:
  - name: flexibility-gateway
    ports: [{ name: http, env: http-port, default: 70000 }]
developers: sofie-iot/flexibility-team
`;

function check(
  name: string,
  problems: ReturnType<typeof parseManifest>["problems"] | undefined,
  valid: boolean,
) {
  const manifest = { sha: "abc", valid, problems: problems ?? [] };
  const { manifest: _removed, ...withoutManifest } = BUILT_AND_TESTED;
  const after = problems === undefined ? withoutManifest : { ...BUILT_AND_TESTED, manifest };
  const effect = evaluatePullRequest(DEFAULT_LADDER, BUILT_AND_TESTED, after);
  const rendered = renderManifestCheck(problems, effect);
  writeOutput(
    `manifest-check-${name}`,
    `<!-- title: ${rendered.title} | conclusion: ${rendered.conclusion} | annotations: ${rendered.annotations.length} -->\n\n${rendered.summary}`,
  );
  return rendered;
}

describe("manifest check", () => {
  it("says a valid manifest is valid and what merging does to the level", () => {
    const { problems } = parseManifest(VALID, MANIFEST_PATH);
    const rendered = check("valid", problems, true);
    expect(rendered).toMatchObject({ title: "Manifest valid", conclusion: "success", annotations: [] });
    expect(rendered.summary).toMatch(
      /^✅ `\.sofie\/component\.yml` is valid\.\n\nMerged, this pull request would leave the component at \*\*level 2\*\*/,
    );
  });

  it("lists every problem at its line and annotates it", () => {
    const { problems } = parseManifest(BROKEN, MANIFEST_PATH);
    const rendered = check("problems", problems, false);
    expect(problems.length).toBeGreaterThanOrEqual(4);
    expect(rendered.conclusion).toBe("failure");
    expect(rendered.title).toBe(`${problems.length} manifest problems`);
    expect(rendered.annotations.map((a) => a.start_line)).toEqual(problems.map((p) => p.line));
    expect(rendered.summary.match(/^- line \d+, column \d+: /gm)).toHaveLength(problems.length);
  });

  it("fails a pull request that removes the manifest", () => {
    const rendered = check("removed", undefined, false);
    expect(rendered).toMatchObject({ title: "1 manifest problem", conclusion: "failure" });
    expect(rendered.annotations).toEqual([
      expect.objectContaining({
        path: MANIFEST_PATH,
        start_line: 1,
        message: expect.stringMatching(/removes/),
      }),
    ]);
  });

  it("lists the first 100 problems and counts the others, all annotated", () => {
    const problems = Array.from({ length: 130 }, (_, i) => ({
      file: MANIFEST_PATH,
      line: i + 1,
      column: 1,
      severity: "error" as const,
      message: `problem ${i}`,
    }));
    const effect = evaluatePullRequest(DEFAULT_LADDER, BUILT_AND_TESTED, BUILT_AND_TESTED);
    const rendered = renderManifestCheck(problems, effect);
    expect(rendered.summary.match(/^- line /gm)).toHaveLength(100);
    expect(rendered.summary).toMatch(/- … and 30 more, annotated at their lines$/);
    expect(rendered.annotations).toHaveLength(130);
  });
});
