/**
 * What has been recorded for one component: the only input the maturity ladder is computed
 * from. Every part is optional: `undefined` means "not seen yet", which is different from
 * "seen and bad" (the check then says what to do next rather than what went wrong).
 *
 * Times are ISO 8601 strings so that evidence round-trips through JSON storage unchanged.
 */
import type { Problem } from "../problem.js";
import type { TestTotals } from "../junit/test-results.js";

/** The app's installation on the repository. */
export interface InstallationEvidence {
  readonly contentsAccess: "read" | "write" | "none";
}

/** `.sofie/component.yml` as found on the default branch. */
export interface ManifestEvidence {
  readonly sha: string;
  /** The component's name, when the manifest gives one (shown in the status issue). */
  readonly component?: string;
  readonly valid: boolean;
  readonly problems: readonly Problem[];
}

/** The last push webhook received for the watched branch. */
export interface PushEvidence {
  readonly sha: string;
  readonly at: string;
  /** Watched branch name, for messages. */
  readonly branch?: string;
}

/** The latest completed run of the manifest's CI workflow on the watched branch. */
export interface CiEvidence {
  readonly runId: number;
  readonly sha: string;
  /** GitHub's `workflow_run.conclusion`: `success`, `failure`, `cancelled`, `timed_out`, ... */
  readonly conclusion: string;
  readonly at: string;
  /** Watched branch name, for messages. */
  readonly branch?: string;
  /** True when at least one JUnit report matched the manifest's `junit` glob in the artifact. */
  readonly reportsFound: boolean;
  readonly totals?: TestTotals;
  /** Report files that matched but could not be parsed or read. */
  readonly parseErrors: number;
  /** Why the run's results could not be downloaded at all (expired, gone, GitHub failing), if so. */
  readonly readError?: string;
}

/** One image listed in the run's `images.json`. */
export interface BuiltImage {
  readonly name: string;
  /** `sha256:...`; absent when the build did not report one. */
  readonly digest?: string;
  readonly tags: readonly string[];
  /** Where CI pushed it (`host/repository@digest`), the source of a promotion. */
  readonly ref?: string;
}

/** `images.json` of the CI run, compared with the manifest. */
export interface ImagesEvidence {
  /** Commit of the CI run the file came from. */
  readonly sha: string;
  /** Image names declared in the manifest. */
  readonly declared: readonly string[];
  readonly built: readonly BuiltImage[];
  /** Per declared image, the tags the manifest's tagging scheme expands to for this run. */
  readonly expectedTags: Readonly<Record<string, readonly string[]>>;
  /**
   * Why the file is refused as a whole (malformed, an entry on an untrusted host, a `ref`
   * digest that contradicts `digest`, an image listed twice); absent when it is not.
   */
  readonly problems?: readonly string[];
}

/** Result of the Dockerfile parametrisation check (no hard-coded addresses or ports). */
export interface DockerfileEvidence {
  readonly sha: string;
  readonly findings: readonly Problem[];
}

/** Level 3: the platform registry (ECR). */
export interface RegistryEvidence {
  /** The repositories exist (scan on push, immutable tags, lifecycle policy). */
  readonly repositoriesReady: boolean;
  /** The repository policy grants exactly what the platform wants (checked when set or read back). */
  readonly policyOk: boolean;
  /** The last copy into the registry: the build's commit and each image's digest there. */
  readonly pushed?: {
    readonly sha: string;
    readonly digests: Readonly<Record<string, string>>;
    readonly at: string;
  };
  /** The last promotion that failed for good, until one succeeds: what went wrong and what to do. */
  readonly lastFailure?: PromotionFailure;
}

/** A promotion that failed for good. */
export interface PromotionFailure {
  /** The build whose images were being promoted. */
  readonly sha: string;
  readonly message: string;
  /** What to do about it. */
  readonly action: string;
  readonly at: string;
}

/** Levels 4 and 6: one deployment of the component. */
export interface DeploymentEvidence {
  readonly namespace: string;
  /** Digest of the image the Deployment runs. */
  readonly digest: string;
  readonly at: string;
  /** The rollout reached `Available`. */
  readonly rolloutAvailable: boolean;
}

/** Level 5: the component's integration test job in staging. */
export interface IntegrationTestEvidence {
  readonly jobName: string;
  /** The Job completed successfully. */
  readonly passed: boolean;
  readonly at: string;
  readonly totals?: TestTotals;
}

/** Level 7: how production has behaved. */
export interface OperatedEvidence {
  /** Start of the current healthy stretch in production (reset by a failed rollout). */
  readonly healthySince?: string;
  readonly lastFailedRolloutAt?: string;
  readonly rollbackExercisedAt?: string;
}

/** Everything recorded for one component. */
export interface ComponentEvidence {
  readonly installation?: InstallationEvidence;
  readonly manifest?: ManifestEvidence;
  readonly push?: PushEvidence;
  readonly ci?: CiEvidence;
  readonly images?: ImagesEvidence;
  readonly dockerfile?: DockerfileEvidence;
  readonly registry?: RegistryEvidence;
  readonly staging?: DeploymentEvidence;
  readonly integrationTests?: IntegrationTestEvidence;
  readonly production?: DeploymentEvidence;
  readonly operated?: OperatedEvidence;
  /** `/hold`: automatic promotions are frozen. Does not change the level. */
  readonly hold?: boolean;
  /**
   * The latest passing build a maintainer was told about when the watched branch had moved
   * past it: the next `/promote` goes ahead with it. Not evidence of a level.
   */
  readonly confirmedPromotion?: string;
}
