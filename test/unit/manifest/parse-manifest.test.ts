import { readFileSync } from "node:fs";
import { parseManifest } from "../../../src/domain/manifest/parse-manifest.js";
import { formatProblem } from "../../../src/domain/problem.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/config/${name}`, import.meta.url), "utf8");
const lines = (text: string, file = "component.yml") => parseManifest(text, file).problems.map(formatProblem);

describe("parseManifest", () => {
  it("reads the SPEC example with every field", () => {
    const { manifest, problems } = parseManifest(fixture("component-valid.yml"), "component.yml");
    expect(problems).toEqual([]);
    expect(manifest).toEqual({
      component: "flexibility-gateway",
      pilot: "energy-exchange",
      branch: "main",
      ci: { workflow: "sofie-ci.yml", artifact: "sofie-results" },
      junit: "reports/**/*.xml",
      images: [
        {
          name: "flexibility-gateway",
          dockerfile: "Dockerfile",
          context: ".",
          tags: ["{sha}", "{branch}", "latest"],
          ports: [{ name: "http", env: "HTTP_PORT", default: 8080 }],
          addresses: [{ env: "BROKER_HOST" }],
        },
      ],
      developers: "@sofie-iot/flexibility-team",
      deploy: { replicas: 1, env: { LOG_LEVEL: "info" } },
    });
  });

  it("applies every default to a minimal manifest", () => {
    const { manifest, problems } = parseManifest(fixture("component-minimal.yml"), "component.yml");
    expect(problems).toEqual([]);
    expect(manifest).toEqual({
      component: "gateway",
      pilot: "energy-exchange",
      branch: "main",
      ci: { workflow: "sofie-ci.yml", artifact: "sofie-results" },
      junit: "reports/**/*.xml",
      images: [
        {
          name: "gateway",
          dockerfile: "Dockerfile",
          context: ".",
          tags: ["{sha}", "{branch}", "latest"],
          ports: [],
          addresses: [],
        },
      ],
      developers: "@sofie-iot/gateway-team",
    });
    expect(manifest?.deploy).toBeUndefined();
  });

  it("reports every problem of a bad manifest, sorted, at the offending line and column", () => {
    const { manifest, problems } = parseManifest(fixture("component-invalid.yml"), "bad.yml");
    expect(manifest).toBeUndefined();
    expect(problems.every((problem) => problem.severity === "error")).toBe(true);
    expect(problems.map(formatProblem)).toEqual([
      `bad.yml:1:12 component: "Flexibility_Gateway" is not a DNS-1123 label; use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit, e.g. "flexibility-gateway"`,
      `bad.yml:3:9 branch: "feature..x" is not a valid git branch name (it contains '..'); use the branch's name as git shows it, e.g. "main"`,
      `bad.yml:5:13 ci.workflow: ".github/workflows/ci.yml" is not a workflow file name; give the file name in .github/workflows, without folders, ending in .yml or .yaml, e.g. "sofie-ci.yml"`,
      `bad.yml:6:3 ci.artefact: unknown key "artefact"; did you mean "artifact"?`,
      `bad.yml:7:8 junit: "/abs/reports/*.xml" is absolute; give a glob relative to the artifact's root, e.g. "reports/**/*.xml"`,
      `bad.yml:10:17 images[0].dockerfile: "../Dockerfile" has a '..' segment that leaves its root; write a path relative to the repository root, e.g. "Dockerfile"`,
      `bad.yml:11:21 images[0].tags[1]: "{commit}" uses the unknown placeholder "{commit}"; the placeholders are {sha}, {short_sha}, {branch}, {run_number}, {run_attempt}`,
      `bad.yml:11:33 images[0].tags[2]: "v{run_number}!" gives the tag "v1234!", which is not a valid image tag; a tag has 1 to 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'`,
      `bad.yml:13:48 images[0].ports[0].default: 70000 is not a port number; use a whole number from 1 to 65535`,
      `bad.yml:14:29 images[0].ports[1].env: the environment variable "HTTP_PORT" is declared twice in this image; give each port and address its own variable`,
      `bad.yml:15:11 images[1].name: the image name "gateway" is used twice; each image needs its own name`,
      `bad.yml:16:5 images[1].relicas: unknown key "relicas"; allowed keys here: name, dockerfile, context, tags, ports, addresses`,
      `bad.yml:17:13 developers: "flexibility-team" is not a GitHub team; write it as "@organisation/team-slug", e.g. "@sofie-iot/flexibility-team"`,
      `bad.yml:19:13 deploy.replicas: 51 is not a replica count; use a whole number from 0 to 50`,
      `bad.yml:20:10 deploy.env.lower: "lower" is not an environment variable name; use upper-case letters, digits and '_', not starting with a digit, e.g. "LOWER"`,
      `bad.yml:20:27 deploy.env.DEBUG: expected a string, found true; quote it, e.g. DEBUG: "true"`,
    ]);
    expect(problems.find((problem) => problem.line === 6)?.path).toBe("ci.artefact");
  });

  it("points a missing key at its parent mapping and an empty value at its key", () => {
    expect(lines(fixture("component-missing-keys.yml"))).toEqual([
      `component.yml:1:1 pilot: required key "pilot" is missing; add it at the top level`,
      `component.yml:5:5 images[0].name: required key "name" is missing; add it under images[0]`,
      `component.yml:7:9 images[0].ports[0].env: required key "env" is missing; add it under images[0].ports[0]`,
      `component.yml:8:1 developers: expected a string, found null; the key is present but has no value`,
    ]);
  });

  it("suggests the closest key for a misspelt top-level key", () => {
    const text = fixture("component-minimal.yml").replace("pilot:", "pilto:");
    expect(lines(text)).toEqual([
      `component.yml:1:1 pilot: required key "pilot" is missing; add it at the top level`,
      `component.yml:2:1 pilto: unknown key "pilto"; did you mean "pilot"?`,
    ]);
  });

  it("asks for quotes when YAML reads a branch as a number", () => {
    const text = `${fixture("component-minimal.yml")}branch: 2024\n`;
    expect(lines(text)).toEqual([
      `component.yml:6:9 branch: expected a string, found 2024; quote it, e.g. branch: "2024"`,
    ]);
  });

  it("asks to remove the quotes around a quoted port number", () => {
    const text = fixture("component-minimal.yml").replace(
      "  - name: gateway\n",
      '  - name: gateway\n    ports: [{ name: http, env: HTTP_PORT, default: "8080" }]\n',
    );
    expect(lines(text)).toEqual([
      `component.yml:5:52 images[0].ports[0].default: expected a number, found "8080"; remove the quotes`,
    ]);
  });

  it("needs at least one image and reports an empty tag list", () => {
    expect(
      lines(fixture("component-minimal.yml").replace("images:\n  - name: gateway\n", "images: []\n")),
    ).toEqual([
      "component.yml:3:9 images: no images; declare at least one image the CI builds, with its name",
    ]);
    expect(
      lines(
        fixture("component-minimal.yml").replace("  - name: gateway\n", "  - name: gateway\n    tags: []\n"),
      ),
    ).toEqual([
      `component.yml:5:11 images[0].tags: no tags; give at least one tag template, e.g. ["{sha}", "latest"], or leave tags out`,
    ]);
  });

  it("treats ports and addresses as one set of environment variables", () => {
    const text = fixture("component-minimal.yml").replace(
      "  - name: gateway\n",
      "  - name: gateway\n    ports: [{ name: http, env: HOST, default: 80 }]\n    addresses: [{ env: HOST }]\n",
    );
    expect(lines(text)).toEqual([
      `component.yml:6:24 images[0].addresses[0].env: the environment variable "HOST" is declared twice in this image; give each port and address its own variable`,
    ]);
  });

  it("rejects a junit glob that climbs out of the artifact", () => {
    expect(lines(`${fixture("component-minimal.yml")}junit: "reports/../../etc/*.xml"\n`)).toEqual([
      `component.yml:6:8 junit: "reports/../../etc/*.xml" has a '..' segment that leaves its root; give a glob relative to the artifact's root, e.g. "reports/**/*.xml"`,
    ]);
  });

  it("cuts a huge value down in the message", () => {
    const { problems } = parseManifest(
      fixture("component-minimal.yml").replace("gateway\npilot", `${"X".repeat(100_000)}\npilot`),
      "c.yml",
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message.length).toBeLessThan(400);
    expect(problems[0]).toMatchObject({ line: 1, column: 12 });
  });
});
