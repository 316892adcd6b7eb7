import { DEFAULT_TAGS } from "./render-manifest.js";
import type { RepoFacts, TestSetup } from "./repo-facts.js";
import { testSteps } from "./test-steps.js";
import { CI_ARTIFACT, MANIFEST_PATH } from "../names.js";

const REGISTRY = "ghcr.io";

/**
 * `.github/workflows/sofie-ci.yml`: on pushes to the watched branch and on pull requests,
 * run the unit tests with a JUnit reporter and build every image (pushed to the CI
 * registry only from the watched branch), then upload one `sofie-results` artifact with
 * the reports under `reports/` and `images.json`, also when the tests fail.
 */
export function renderCiWorkflow(facts: RepoFacts): string {
  const q = (text: string) => JSON.stringify(text);
  const images =
    facts.images.length > 0
      ? facts.images
      : [{ name: facts.component, dockerfile: "Dockerfile", context: "." }];
  const onBranch = `github.event_name == 'push' && github.ref == 'refs/heads/${facts.branch.replace(/'/g, "''")}'`;
  const lines = [
    "# SOFIE CI: runs the unit tests and builds the images; the SOFIE Integration Bot reads",
    `# the "${CI_ARTIFACT}" artifact (JUnit reports under reports/, and images.json) of each run.`,
    "# Added by the SOFIE Integration Bot; adapt the test steps to your project as needed.",
    "name: SOFIE CI",
    "",
    "on:",
    "  push:",
    `    branches: [${q(facts.branch)}]`,
    "  pull_request:",
    "",
    "permissions:",
    "  contents: read",
    "  packages: write # push images to the CI registry (ghcr.io) from the watched branch",
    "",
    "jobs:",
    "  test:",
    "    name: Unit tests",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v4",
    ...testSteps(facts.tests).map((line) => `      ${line}`),
    ...copyReports(facts.tests),
    "      - uses: actions/upload-artifact@v4",
    "        if: always()",
    "        with:",
    "          name: sofie-part-tests",
    "          path: sofie-results/",
    "          if-no-files-found: warn",
    "          retention-days: 1",
    "",
    "  build:",
    "    name: Build images",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v4",
    "      - uses: docker/setup-buildx-action@v3",
    "      - uses: docker/login-action@v3",
    "        with:",
    `          registry: ${REGISTRY}`,
    "          username: ${{ github.actor }}",
    "          password: ${{ secrets.GITHUB_TOKEN }}",
    "      - name: Image repository and branch tag",
    "        id: meta",
    "        shell: bash",
    "        run: |",
    `          owner="$(printf %s "$GITHUB_REPOSITORY_OWNER" | tr '[:upper:]' '[:lower:]')"`,
    `          ref="\${GITHUB_HEAD_REF:-$GITHUB_REF_NAME}"`,
    `          echo "registry=${REGISTRY}/$owner" >> "$GITHUB_OUTPUT"`,
    `          echo "branch=$(printf %s "$ref" | sed -E 's/[^A-Za-z0-9._-]+/-/g')" >> "$GITHUB_OUTPUT"`,
    ...(facts.images.length === 0 ? missingDockerfile() : []),
    ...images.flatMap((image, index) => [
      `      - name: Build ${image.name}`,
      `        id: image-${index}`,
      "        uses: docker/build-push-action@v6",
      "        with:",
      `          context: ${q(image.context)}`,
      `          file: ${q(image.dockerfile)}`,
      `          push: \${{ ${onBranch} }}`,
      "          tags: |",
      `            \${{ steps.meta.outputs.registry }}/${image.name}:\${{ github.sha }}`,
      `            \${{ steps.meta.outputs.registry }}/${image.name}:\${{ steps.meta.outputs.branch }}`,
      `            \${{ steps.meta.outputs.registry }}/${image.name}:latest`,
    ]),
    "      - name: Write sofie-results/images.json",
    "        if: always()",
    "        shell: bash",
    "        env:",
    "          REGISTRY: ${{ steps.meta.outputs.registry }}",
    "          BRANCH: ${{ steps.meta.outputs.branch }}",
    ...images.map((_, index) => `          DIGEST_${index}: \${{ steps.image-${index}.outputs.digest }}`),
    "        run: |",
    "          mkdir -p sofie-results",
    `          jq -n --arg registry "$REGISTRY" --arg sha "$GITHUB_SHA" --arg branch "$BRANCH" \\`,
    ...images.map((_, index) => `            --arg d${index} "$DIGEST_${index}" \\`),
    `            'def image($name; $digest): {name: $name, ref: (if $digest == "" then null else "\\($registry)/\\($name)@\\($digest)" end), digest: (if $digest == "" then null else $digest end), tags: ${jqTags()}};`,
    `            {images: [${images.map((image, index) => `image("${image.name}"; $d${index})`).join(", ")}]}' \\`,
    "            > sofie-results/images.json",
    "      - uses: actions/upload-artifact@v4",
    "        if: always()",
    "        with:",
    "          name: sofie-part-images",
    "          path: sofie-results/",
    "          if-no-files-found: warn",
    "          retention-days: 1",
    "",
    "  results:",
    `    name: Upload ${CI_ARTIFACT}`,
    "    needs: [test, build]",
    "    if: always() # failing tests or builds still upload their reports",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/download-artifact@v4",
    "        with:",
    "          pattern: sofie-part-*",
    `          path: ${CI_ARTIFACT}`,
    "          merge-multiple: true",
    "      - uses: actions/upload-artifact@v4",
    "        with:",
    `          name: ${CI_ARTIFACT}`,
    `          path: ${CI_ARTIFACT}/`,
    "          if-no-files-found: warn",
    "",
  ];
  return lines.join("\n");
}

/** The manifest's default tag scheme ({sha}, {branch}, latest) as a jq array. */
function jqTags(): string {
  const map: Record<string, string> = { "{sha}": "$sha", "{branch}": "$branch" };
  return `[${DEFAULT_TAGS.map((tag) => map[tag] ?? JSON.stringify(tag)).join(", ")}]`;
}

function missingDockerfile(): string[] {
  return [
    "      - name: Check for a Dockerfile",
    "        shell: bash",
    "        run: |",
    "          if [ ! -f Dockerfile ]; then",
    `            echo "::error file=${MANIFEST_PATH}::No Dockerfile at the repository root; add one, or set images[].dockerfile in ${MANIFEST_PATH} and in this workflow"`,
    "            exit 1",
    "          fi",
  ];
}

/** Copies the reports the tests wrote into sofie-results/reports/, keeping their paths. */
function copyReports(tests: TestSetup): string[] {
  const prefix = tests.directory === "." ? "" : `${shellQuote(tests.directory)}/`;
  const globs = tests.reports.map((glob) => `${prefix}${glob}`).join(" ");
  return [
    "      - name: Copy the JUnit reports into sofie-results/reports/",
    "        if: always()",
    "        shell: bash",
    "        run: |",
    "          shopt -s globstar nullglob",
    "          mkdir -p sofie-results/reports",
    `          for report in ${globs || "reports/junit/*.xml"}; do`,
    '            mkdir -p "sofie-results/reports/$(dirname "$report")"',
    '            cp "$report" "sofie-results/reports/$report"',
    "          done",
    "          ls -R sofie-results || true",
  ];
}

/** `text` as one word for bash, literally. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
