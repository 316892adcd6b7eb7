/** What a promotion wants of one registry repository. */
export interface EnsureRepositoryInput {
  /** The repository name, from `ecrRepositoryName`. */
  readonly name: string;
  readonly scanOnPush: boolean;
  readonly immutableTags: boolean;
  /** Tags set when the repository is created (Repository, Pilot, Component, ManagedBy). */
  readonly tags: Readonly<Record<string, string>>;
  /** From `buildLifecyclePolicy`. */
  readonly lifecyclePolicy: string;
  /** From `buildRepositoryPolicy`. */
  readonly repositoryPolicy: string;
}

/** What `ensureRepository` found and changed. */
export interface EnsureRepositoryResult {
  /** The repository did not exist and was created. */
  readonly created: boolean;
  /** `{registry}/{name}`, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com/sofie/lmf/mos-gateway`. */
  readonly uri: string;
  /** The repository policy was set (new, or different from what the registry held). */
  readonly policyChanged: boolean;
  /** The lifecycle policy was set (new, or different from what the registry held). */
  readonly lifecycleChanged: boolean;
  /** Scan-on-push or tag mutability of an existing repository was brought in line. */
  readonly settingsChanged: boolean;
}

/** Credentials for the registry's OCI distribution API (HTTP basic). */
export interface RegistryAuthorization {
  /** `https://{registry host}`. */
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
  readonly expiresAt: Date;
}

/**
 * The registry's repository management (ECR): repositories with their settings and policies,
 * and the short-lived login the image copy uses. Every call is idempotent.
 */
export interface RegistryRepositories {
  /** Creates the repository if missing and brings its settings and policies in line. */
  ensureRepository(input: EnsureRepositoryInput): Promise<EnsureRepositoryResult>;
  /** A fresh login for the registry's OCI API. */
  getAuthorization(): Promise<RegistryAuthorization>;
}
