/**
 * The names the bot and the repositories it serves agree on, each defined here once
 * (`test/unit/repo/defined-once.test.ts` fails when one of them is spelled out elsewhere in `src/`).
 */

/** Where a component's manifest lives in its repository. */
/** The bot's name where it acts on its own: audit entries of automatic promotions, ECR resource tags. */
export const BOT_ACTOR = "sofie-integration-bot";

export const MANIFEST_PATH = ".sofie/component.yml";

/** The folder GitHub Actions reads workflows from. */
export const WORKFLOWS_FOLDER = ".github/workflows";
/** The CI workflow onboarding writes, and the manifest's default `ci.workflow`. */
export const CI_WORKFLOW_FILE = "sofie-ci.yml";
/** Where onboarding puts the CI workflow. */
export const WORKFLOW_PATH = `${WORKFLOWS_FOLDER}/${CI_WORKFLOW_FILE}`;
/** The artifact the CI workflow uploads, and the manifest's default `ci.artifact`. */
export const CI_ARTIFACT = "sofie-results";
/** The glob that finds the JUnit reports inside the artifact (the workflow copies them under reports/). */
export const JUNIT_GLOB = "reports/**/*.xml";
/** Where the CI workflow puts the built images' references and digests, inside the artifact. */
export const IMAGES_JSON = "images.json";

/** The organisation policy's file name, in the organisation's `.github` repository. */
export const POLICY_FILE = "sofie-integration.yml";
/** The organisation policy as people name it. */
export const POLICY_PATH = `.github/${POLICY_FILE}`;

/** The check runs' names when the organisation policy does not rename them (`checks:`). */
export const DEFAULT_CHECK_NAMES = {
  tests: "SOFIE tests",
  maturity: "SOFIE maturity",
  manifest: "SOFIE manifest",
} as const;

/**
 * The external id of each check run the bot publishes: what makes a redelivered event find
 * the run it already published on that commit instead of adding another.
 */
export const CHECK_RUN_EXTERNAL_ID = {
  /** The test-results check run of one attempt of one CI run. */
  tests: (runId: number, attempt: number): string => `sofie-tests:${runId}:${attempt}`,
  /** The maturity check run on a commit. */
  maturity: (sha: string): string => `sofie-maturity:${sha}`,
  /** The manifest check run on a pull request's head commit. */
  manifest: (sha: string): string => `sofie-manifest:${sha}`,
} as const;
