import type { RepoFacts } from "./repo-facts.js";

export interface OnboardingBodyOptions {
  readonly manifestPath: string;
  readonly workflowPath: string;
  /** The content hash (`domain/content-hash.ts`) of the files and facts, kept in a hidden marker. */
  readonly hash: string;
}

const LADDER: ReadonlyArray<[number, string, string, string]> = [
  [
    1,
    "Connected",
    "app installed, valid manifest on the default branch, a push received",
    "you: merge this PR, push",
  ],
  [
    2,
    "Built and tested",
    "CI passed, images built and tagged, no hard-coded IPs/ports, JUnit reports found",
    "you",
  ],
  [3, "In the registry", "images copied to the platform registry (ECR) by digest", "maintainers: `/promote`"],
  [4, "Staged", "deployed to the pilot's staging namespace", "maintainers: `/promote staging`"],
  [5, "Integration-tested", "integration tests passed in staging", "automatic"],
  [6, "In production", "deployed to the pilot's production namespace", "maintainers: `/promote production`"],
  [7, "Operated", "healthy in production for 7 days, rollback exercised", "automatic"],
];

const FRAMEWORK_NAMES: Record<string, string> = {
  jest: "Jest (with jest-junit)",
  mocha: "Mocha (with mocha-junit-reporter)",
  vitest: "Vitest (JUnit reporter)",
  pytest: "pytest (`--junitxml`)",
  maven: "Maven Surefire",
  gradle: "Gradle",
  go: "Go (with gotestsum)",
};

/**
 * The onboarding PR's body, Renovate-style: what SOFIE is, the ladder, what merging does,
 * what was detected, what to check, and hidden markers (`sofie:onboarding`, `sofie:hash=`)
 * that let the bot find the PR and skip updates that change nothing.
 */
export function renderOnboardingBody(facts: RepoFacts, options: OnboardingBodyOptions): string {
  const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
  const detected: string[] = [];
  if (facts.images.length === 0) {
    detected.push(
      "- **Dockerfiles:** none found. The manifest declares one image built from `./Dockerfile`; add it, or edit the manifest and the workflow.",
    );
  } else {
    detected.push(`- **Dockerfiles:** ${facts.images.length}`);
    for (const image of facts.images) {
      const ports = image.ports.map((p) => `${p.default} (${code(p.env)})`).join(", ") || "none exposed";
      const addresses = image.addresses.map((a) => code(a.env)).join(", ");
      detected.push(
        `  - ${code(image.dockerfile)} → image ${code(image.name)}, context ${code(image.context)}; ports: ${ports}${addresses ? `; addresses: ${addresses}` : ""}`,
      );
    }
  }
  const tests = facts.tests;
  detected.push(
    tests.framework === "none"
      ? "- **Unit tests:** none detected. The workflow's test step fails until you replace it with yours (it must write JUnit XML)."
      : `- **Unit tests:** ${FRAMEWORK_NAMES[tests.framework] ?? tests.framework}, from ${code(tests.detectedFrom ?? tests.directory)}; reports: ${tests.reports.map(code).join(", ")}`,
  );
  return [
    "<!-- sofie:onboarding -->",
    "## Welcome to the SOFIE integration platform",
    "",
    `This PR connects **${facts.repoName}** to SOFIE, the project's integration platform ("CI/CD as a service"). SOFIE reads the results of your CI runs, reports them as check runs, and takes the component from a passing build to the registry, staging and production, one maturity level at a time.`,
    "",
    "**Nothing happens until you merge this PR.** It adds two files:",
    "",
    `- ${code(options.manifestPath)}: the component manifest (name, pilot, watched branch, images, ports, addresses, developers team)`,
    `- ${code(options.workflowPath)}: a CI workflow that runs the unit tests with a JUnit reporter, builds the images, and uploads the results artifact`,
    "",
    "### The maturity ladder",
    "",
    "| level | name | what it takes | who |",
    "|---|---|---|---|",
    ...LADDER.map(([level, name, needs, who]) => `| ${level} | ${name} | ${needs} | ${who} |`),
    "",
    `Merging this PR and pushing to ${code(facts.branch)} takes the component to level 1; the first successful CI run takes it toward level 2.`,
    "",
    "### What was detected",
    "",
    ...detected,
    "",
    "### Check before merging",
    "",
    `- [ ] **pilot:** ${code(facts.pilot)} was guessed from the organisation name; set the pilot this component belongs to.`,
    `- [ ] **developers:** replace ${code(`@${facts.org}/TODO-team`)} with your team; it gets read-only access to the registry.`,
    "- [ ] **ports and addresses:** every port the image listens on and every host it talks to must come from an environment variable (no hard-coded IPs or ports in the Dockerfile).",
    "- [ ] **the workflow's test step** runs your unit tests the way you do locally.",
    "",
    "You can edit the files on this PR's branch; the bot will not overwrite your changes.",
    "",
    "### Next steps",
    "",
    `1. Merge this PR, then push to ${code(facts.branch)} (or re-run the workflow).`,
    "2. Watch the **SOFIE** check run on your commits: test results, the level, and what is missing for the next one.",
    "3. When level 2 holds, an integration maintainer promotes the component with `/promote`.",
    "",
    "### Commands",
    "",
    "Comment on this PR or on the status issue:",
    "",
    "- `/status`: re-evaluate and show the level with its checklist",
    "- `/retry`: re-run the evaluation or a failed promotion",
    "- `/help`: the command list",
    "- `/promote`, `/promote registry|staging|production`, `/rollback staging|production`, `/hold`, `/unhold`: integration maintainers only",
    "",
    "---",
    "*Opened by the SOFIE Integration Bot. Close this PR to skip onboarding; comment `/onboard` to have it opened again.*",
    `<!-- sofie:hash=${options.hash} -->`,
    "",
  ].join("\n");
}
