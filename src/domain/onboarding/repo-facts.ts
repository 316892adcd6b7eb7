/**
 * What onboarding found in a repository: plain JSON data (the caller hashes
 * `JSON.stringify(facts)`), from which the manifest, the CI workflow and the PR body
 * are rendered.
 */
export interface RepoFacts {
  readonly org: string;
  readonly repoName: string;
  /** The repository name as a DNS-1123 label. */
  readonly component: string;
  /** The organisation name as a DNS-1123 label: a guess the developers confirm. */
  readonly pilot: string;
  /** The default branch: the watched branch. */
  readonly branch: string;
  /** One per Dockerfile found, in path order. */
  readonly images: readonly DetectedImage[];
  readonly tests: TestSetup;
}

export interface DetectedImage {
  /** Unique, OCI-safe: the component name for a root Dockerfile, else derived from its path. */
  readonly name: string;
  readonly dockerfile: string;
  readonly context: string;
  readonly ports: readonly { readonly name: string; readonly env: string; readonly default: number }[];
  readonly addresses: readonly { readonly env: string; readonly default?: string }[];
}

export type TestFramework = "jest" | "mocha" | "vitest" | "pytest" | "maven" | "gradle" | "go" | "none";

/** How the CI workflow runs the unit tests and where the JUnit reports land. */
export interface TestSetup {
  readonly framework: TestFramework;
  /** Folder the build file is in (`.` for the root): where the commands run. */
  readonly directory: string;
  /** The file the framework was detected from, for the PR body. */
  readonly detectedFrom?: string;
  /** Toolchain version to set up (`20`, `3.12`, `21`, `1.22`), or a version file (`.nvmrc`). */
  readonly toolchainVersion?: string;
  readonly versionFile?: string;
  /** npm, yarn or pnpm, for the JavaScript frameworks. */
  readonly packageManager?: "npm" | "yarn" | "pnpm";
  /** The package manager's lock file is committed (so `npm ci` works). */
  readonly lockfile?: boolean;
  /** The Maven or Gradle wrapper is in the repository. */
  readonly wrapper?: boolean;
  /** Python requirement files to install. */
  readonly requirements?: readonly string[];
  /** Globs, relative to `directory`, of the JUnit XML files the tests write. */
  readonly reports: readonly string[];
}
