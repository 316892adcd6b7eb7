/** Onboarding's pure parts: what to read, what it found, and the PR's files and body. */
export { detectRepository, type RepositorySnapshot } from "./detect-repository.js";
export { detectTestSetup } from "./detect-test-setup.js";
export { BUILD_FILES, FILES_TO_READ, isDockerfile, MAX_FILES_TO_READ } from "./files-to-read.js";
export { renderCiWorkflow } from "./render-ci-workflow.js";
export { DEFAULT_TAGS, renderManifest } from "./render-manifest.js";
export { renderOnboardingBody, type OnboardingBodyOptions } from "./render-onboarding-body.js";
export type { DetectedImage, RepoFacts, TestFramework, TestSetup } from "./repo-facts.js";
export { toDnsLabel } from "./to-dns-label.js";
