import { parseManifest } from "../../../src/domain/manifest/parse-manifest.js";
import { imagesEvidence } from "../../../src/domain/maturity/images-evidence.js";
import { evaluateMaturity } from "../../../src/domain/maturity/evaluate-maturity.js";
import { DEFAULT_LADDER } from "../../../src/domain/maturity/default-ladder.js";
import { parseImagesJson } from "../../../src/domain/images/parse-images-json.js";
import { BUILT_AND_TESTED, SHA_A } from "../../helpers/maturity-evidence.js";

const D1 = `sha256:${"1".repeat(64)}`;
const D2 = `sha256:${"2".repeat(64)}`;
const { manifest } = parseManifest(
  [
    "component: flexibility-gateway",
    "pilot: energy-exchange",
    "branch: main",
    "ci: { workflow: sofie-ci.yml, artifact: sofie-results }",
    'junit: "reports/**/*.xml"',
    "images:",
    "  - name: flexibility-gateway",
    '    tags: ["{sha}"]',
    'developers: "@sofie-iot/flexibility-team"',
    "",
  ].join("\n"),
  ".sofie/component.yml",
);
const run = { sha: SHA_A, branch: "main", runNumber: 7, runAttempt: 1 };
const hosts = { registryHosts: ["ghcr.io"] };

function evidenceFor(images: unknown[]) {
  const parsed = parseImagesJson(JSON.stringify({ images }), "images.json");
  return imagesEvidence(manifest!, parsed.images, run, { ...hosts, problems: parsed.problems });
}

function imagesBuiltReason(images: unknown[]) {
  const evaluation = evaluateMaturity(DEFAULT_LADDER, { ...BUILT_AND_TESTED, images: evidenceFor(images) });
  const requirement = evaluation.levels[1]!.requirements.find((r) => r.id === "images-built")!;
  return { level: evaluation.level, requirement };
}

describe("imagesEvidence: images.json is untrusted", () => {
  it("accepts an entry on a configured CI registry whose ref and digest agree", () => {
    const { level, requirement } = imagesBuiltReason([
      { name: "flexibility-gateway", ref: `ghcr.io/sofie-iot/gw@${D1}`, digest: D1, tags: [SHA_A] },
    ]);
    expect(requirement.state).toBe("met");
    expect(level).toBe(2);
  });

  it("refuses a ref on a host that is not a configured CI registry, naming the entry and the hosts", () => {
    const evidence = evidenceFor([
      { name: "flexibility-gateway", ref: `evil.example:5000/x/gw@${D1}`, digest: D1, tags: [SHA_A] },
    ]);
    expect(evidence.problems).toEqual([expect.stringContaining('images[0] ("flexibility-gateway")')]);
    expect(evidence.problems![0]).toContain("evil.example:5000");
    expect(evidence.problems![0]).toContain("ghcr.io");
    const { level, requirement } = imagesBuiltReason([
      { name: "flexibility-gateway", ref: `evil.example:5000/x/gw@${D1}`, digest: D1, tags: [SHA_A] },
    ]);
    expect(requirement.state).toBe("unmet");
    expect(requirement.reason).toContain("evil.example:5000");
    expect(level).toBe(1);
  });

  it("refuses an entry whose ref digest and digest disagree", () => {
    const { requirement } = imagesBuiltReason([
      { name: "flexibility-gateway", ref: `ghcr.io/sofie-iot/gw@${D1}`, digest: D2, tags: [SHA_A] },
    ]);
    expect(requirement.state).toBe("unmet");
    expect(requirement.reason).toContain('images[0] ("flexibility-gateway")');
    expect(requirement.reason).toContain("sha256:111111111111");
    expect(requirement.reason).toContain("sha256:222222222222");
  });

  it("refuses two entries for one image", () => {
    const { requirement } = imagesBuiltReason([
      { name: "flexibility-gateway", ref: `ghcr.io/sofie-iot/gw@${D1}`, digest: D1, tags: [SHA_A] },
      { name: "flexibility-gateway", ref: `ghcr.io/sofie-iot/gw@${D2}`, digest: D2, tags: [SHA_A] },
    ]);
    expect(requirement.state).toBe("unmet");
    expect(requirement.reason).toMatch(/images\[0\] and images\[1\].*flexibility-gateway/);
  });

  it("refuses a ref that is not an image reference, and says what a malformed file held", () => {
    expect(
      imagesBuiltReason([{ name: "flexibility-gateway", ref: "not a ref", digest: D1, tags: [SHA_A] }])
        .requirement.reason,
    ).toContain("not an image reference");
    const parsed = parseImagesJson("{ nope", "images.json");
    const evidence = imagesEvidence(manifest!, parsed.images, run, { ...hosts, problems: parsed.problems });
    const evaluation = evaluateMaturity(DEFAULT_LADDER, { ...BUILT_AND_TESTED, images: evidence });
    expect(evaluation.levels[1]!.requirements.find((r) => r.id === "images-built")!.reason).toContain(
      "not JSON",
    );
  });
});
