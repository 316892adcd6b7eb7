import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import {
  contentHash,
  detectRepository,
  FILES_TO_READ,
  renderCiWorkflow,
  renderManifest,
  renderOnboardingBody,
  type RepositorySnapshot,
} from "../../../src/domain/onboarding/index.js";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "../../__outputs__/onboarding");

/** Four sample repositories: a tree and the contents of the files onboarding reads. */
const SAMPLES: Record<string, Omit<RepositorySnapshot, "readText"> & { contents: Record<string, string> }> = {
  "node-jest": {
    org: "sofie-iot",
    repoName: "Flexibility_Gateway",
    defaultBranch: "main",
    files: [
      "package.json",
      "package-lock.json",
      ".nvmrc",
      "Dockerfile",
      "src/index.js",
      "test/index.test.js",
    ],
    contents: {
      "package.json": JSON.stringify({ scripts: { test: "jest" }, devDependencies: { jest: "^29.7.0" } }),
      Dockerfile: [
        "FROM node:20-alpine",
        "WORKDIR /app",
        "ENV PORT=3000 BROKER_HOST=broker MQTT_URL=mqtt://broker:1883",
        "COPY . .",
        "RUN npm ci --omit=dev",
        "EXPOSE 3000",
        'CMD ["node", "src/index.js"]',
      ].join("\n"),
    },
  },
  "maven-two-images": {
    org: "Energy-Exchange",
    repoName: "market-services",
    defaultBranch: "develop",
    files: [
      "pom.xml",
      "mvnw",
      "api/Dockerfile",
      "api/pom.xml",
      "worker/Dockerfile",
      "worker/pom.xml",
      "README.md",
    ],
    contents: {
      "pom.xml":
        "<project><properties><maven.compiler.release>17</maven.compiler.release></properties></project>",
      "api/Dockerfile":
        "FROM eclipse-temurin:17-jre\nARG HTTP_PORT=8080\nEXPOSE ${HTTP_PORT}\nEXPOSE 9090\nCMD java -jar /app.jar\n",
      "worker/Dockerfile":
        "FROM eclipse-temurin:17-jre\nENV DB_URL=jdbc:postgresql://db:5432/market\nCMD java -jar /app.jar\n",
    },
  },
  "python-pytest": {
    org: "sofie-iot",
    repoName: "forecaster",
    defaultBranch: "main",
    files: [
      "pyproject.toml",
      "requirements.txt",
      "Dockerfile.api",
      "forecaster/__init__.py",
      "tests/test_x.py",
    ],
    contents: {
      "pyproject.toml": '[project]\nname = "forecaster"\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
      "Dockerfile.api":
        "FROM python:3.12-slim\nENV HTTP_PORT=8000\nEXPOSE 8000\nCMD uvicorn app:app --port $HTTP_PORT\n",
    },
  },
  "go-no-dockerfile": {
    org: "sofie-iot",
    repoName: "meter-agent",
    defaultBranch: "trunk",
    files: ["go.mod", "go.sum", "main.go", "main_test.go"],
    contents: { "go.mod": "module example.com/meter-agent\n\ngo 1.22\n" },
  },
};

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
      writeFileSync(join(dir, "component.yml"), manifest);
      writeFileSync(join(dir, "sofie-ci.yml"), workflow);
      writeFileSync(join(dir, "pr-body.md"), body);
      writeFileSync(join(dir, "facts.json"), JSON.stringify(facts, null, 2) + "\n");

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
