import type { DetectedImage, RepoFacts } from "./repo-facts.js";
import { CI_ARTIFACT, CI_WORKFLOW_FILE, JUNIT_GLOB, WORKFLOW_PATH } from "../names.js";

export const DEFAULT_TAGS = ["{sha}", "{branch}", "latest"] as const;

/**
 * The prefilled `.sofie/component.yml`, as YAML text with comments that say what each
 * field is for and which ones to confirm (pilot, developers). Every value from the
 * repository is written as a JSON string, which YAML reads back unchanged.
 */
export function renderManifest(facts: RepoFacts): string {
  const q = (text: string) => JSON.stringify(text);
  const lines = [
    "# SOFIE component manifest: how the SOFIE integration platform builds, tests and",
    "# promotes this component. Prefilled by the SOFIE Integration Bot from what it found",
    "# in this repository; check the lines marked TODO before merging.",
    "",
    "# The component's name, a DNS-1123 label (from the repository name).",
    `component: ${q(facts.component)}`,
    `# TODO: confirm the pilot this component belongs to (guessed from the organisation "${facts.org}").`,
    `pilot: ${q(facts.pilot)}`,
    "# The watched branch: its pushes are built, tested and can be promoted.",
    `branch: ${q(facts.branch)}`,
    "ci:",
    `  # The workflow whose runs carry the results (${WORKFLOW_PATH}).`,
    `  workflow: ${CI_WORKFLOW_FILE}`,
    "  # The artifact it uploads, with the JUnit reports and images.json.",
    `  artifact: ${CI_ARTIFACT}`,
    "# Where the JUnit reports are, inside the artifact.",
    `junit: ${q(JUNIT_GLOB)}`,
    "# The images the CI builds. Tag placeholders: {sha}, {short_sha}, {branch}, {run_number}, {run_attempt}.",
    "images:",
    ...(facts.images.length > 0 ? facts.images.flatMap(renderImage) : placeholderImage(facts.component)),
    "# TODO: the GitHub team of this component's developers; it gets read-only access to the registry.",
    `developers: ${q(`@${facts.org}/TODO-team`)}`,
    "",
  ];
  return lines.join("\n");
}

function renderImage(image: DetectedImage): string[] {
  const q = (text: string) => JSON.stringify(text);
  const lines = [
    `  - name: ${q(image.name)}`,
    `    dockerfile: ${q(image.dockerfile)}`,
    `    context: ${q(image.context)}`,
    `    tags: [${DEFAULT_TAGS.map(q).join(", ")}]`,
  ];
  if (image.ports.length > 0) {
    lines.push(
      "    # Ports the image uses, each read from an environment variable (found in EXPOSE and the Dockerfile's *_PORT variables).",
    );
    lines.push("    ports:");
    for (const port of image.ports) {
      lines.push(`      - { name: ${q(port.name)}, env: ${q(port.env)}, default: ${port.default} }`);
    }
  } else {
    lines.push(
      "    # Ports the image listens on, e.g. { name: http, env: HTTP_PORT, default: 8080 } (none found in the Dockerfile).",
    );
    lines.push("    ports: []");
  }
  if (image.addresses.length > 0) {
    lines.push("    # Hosts and IP addresses the image takes as parameters (found in ENV): check them.");
    lines.push("    addresses:");
    for (const address of image.addresses) {
      const value = address.default === undefined ? "" : `, default: ${q(address.default)}`;
      lines.push(`      - { env: ${q(address.env)}${value} }`);
    }
  } else {
    lines.push("    # Hosts and IP addresses the image takes as parameters, e.g. { env: BROKER_HOST }.");
    lines.push("    addresses: []");
  }
  return lines;
}

function placeholderImage(component: string): string[] {
  return [
    "  # TODO: no Dockerfile was found in this repository. Add one at ./Dockerfile (the build",
    "  # job of the CI workflow fails until there is one), or point dockerfile at yours.",
    ...renderImage({ name: component, dockerfile: "Dockerfile", context: ".", ports: [], addresses: [] }),
  ];
}
