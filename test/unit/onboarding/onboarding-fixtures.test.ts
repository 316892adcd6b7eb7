import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { contentHash } from "../../../src/domain/content-hash.js";
import {
  detectRepository,
  FILES_TO_READ,
  renderCiWorkflow,
  renderManifest,
  renderOnboardingBody,
} from "../../../src/domain/onboarding/index.js";
import { loadSamples } from "../../helpers/onboarding-samples.js";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "../../__outputs__/onboarding");

/** Writes `text` only when it differs, so readers of the committed outputs never see a half-written file. */
function writeIfChanged(path: string, text: string): void {
  if (existsSync(path) && readFileSync(path, "utf8") === text) return;
  writeFileSync(path, text);
}

const SAMPLES = Object.fromEntries(loadSamples().map((sample) => [sample.name, sample]));

describe("onboarding fixtures", () => {
  for (const [sample, repo] of Object.entries(SAMPLES)) {
    it(`renders ${sample}`, () => {
      const wanted = FILES_TO_READ(repo.files);
      const readText = Object.fromEntries(
        wanted.filter((p) => p in repo.contents).map((p) => [p, repo.contents[p] ?? ""]),
      );
      const facts = detectRepository({ ...repo, readText });
      const manifest = renderManifest(facts);
      const workflow = renderCiWorkflow(facts);
      const hash = contentHash(manifest, workflow, JSON.stringify(facts));
      const body = renderOnboardingBody(facts, {
        manifestPath: ".sofie/component.yml",
        workflowPath: ".github/workflows/sofie-ci.yml",
        hash,
      });
      const dir = join(OUT, sample);
      mkdirSync(dir, { recursive: true });
      writeIfChanged(join(dir, "component.yml"), manifest);
      writeIfChanged(join(dir, "sofie-ci.yml"), workflow);
      writeIfChanged(join(dir, "pr-body.md"), body);
      writeIfChanged(join(dir, "facts.json"), JSON.stringify(facts, null, 2) + "\n");

      const parsedManifest = parse(manifest) as Record<string, unknown>;
      expect(parsedManifest).toMatchObject({
        component: facts.component,
        branch: repo.defaultBranch,
        ci: { workflow: "sofie-ci.yml", artifact: "sofie-results" },
        junit: "reports/**/*.xml",
        developers: `@${repo.org}/TODO-team`,
      });
      expect((parsedManifest["images"] as unknown[]).length).toBeGreaterThan(0);

      const parsedWorkflow = parse(workflow) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(parsedWorkflow["on"]).toEqual({ push: { branches: [repo.defaultBranch] }, pull_request: null });
      expect(parsedWorkflow["permissions"]).toEqual({ contents: "read", packages: "write" });
      expect(Object.keys(parsedWorkflow["jobs"])).toEqual(["test", "build", "results"]);
      expect(parsedWorkflow["jobs"].results.if).toBe("always()");
      const buildSteps = parsedWorkflow["jobs"].build.steps as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const builds = buildSteps.filter((s) => s["uses"] === "docker/build-push-action@v6");
      expect(builds).toHaveLength(Math.max(1, facts.images.length));
      for (const step of builds) {
        expect(step["with"].push).toBe(
          `\${{ github.event_name == 'push' && github.ref == 'refs/heads/${repo.defaultBranch}' }}`,
        );
      }
      for (const job of Object.values(parsedWorkflow["jobs"]) as Array<{ steps: Array<{ uses?: string }> }>) {
        for (const step of job.steps) if (step.uses) expect(step.uses).toMatch(/@v\d+$/);
      }
      expect(body).toContain("<!-- sofie:onboarding -->");
      expect(body).toContain(`<!-- sofie:hash=${hash} -->`);
    });
  }

  it("prefills the node sample from its Dockerfile and package.json", () => {
    const repo = SAMPLES["node-jest"]!;
    const facts = detectRepository({ ...repo, readText: repo.contents });
    expect(facts.component).toBe("flexibility-gateway");
    expect(facts.images).toEqual([
      {
        name: "flexibility-gateway",
        dockerfile: "Dockerfile",
        context: ".",
        ports: [{ name: "http", env: "PORT", default: 3000 }],
        addresses: [
          { env: "BROKER_HOST", default: "broker" },
          { env: "MQTT_URL", default: "mqtt://broker:1883" },
        ],
      },
    ]);
    expect(facts.tests).toMatchObject({
      framework: "jest",
      versionFile: ".nvmrc",
      reports: ["reports/junit/jest.xml"],
    });
  });

  it("names the maven sample's images after their folders and reads the Java release", () => {
    const repo = SAMPLES["maven-two-images"]!;
    const facts = detectRepository({ ...repo, readText: repo.contents });
    expect(facts.pilot).toBe("energy-exchange");
    expect(facts.images.map((i) => [i.name, i.context, i.ports.map((p) => `${p.env}=${p.default}`)])).toEqual(
      [
        ["api", "api", ["HTTP_PORT=8080", "PORT_9090=9090"]],
        ["worker", "worker", []],
      ],
    );
    expect(facts.tests).toMatchObject({ framework: "maven", toolchainVersion: "17", wrapper: true });
  });
});
