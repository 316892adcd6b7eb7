/** Where a registry lives and how to log in to it. */
export interface RegistryEndpoint {
  /** Base URL, e.g. `http://127.0.0.1:5000` or `https://123456789012.dkr.ecr.eu-west-1.amazonaws.com`. */
  readonly url: string;
  /** Basic credentials: sent to a Basic challenge, or to the token realm of a Bearer challenge. */
  readonly credentials?: { readonly username: string; readonly password: string };
}

/** The image to copy: a tag or a `sha256:` digest in a repository. */
export interface ImageSource {
  readonly endpoint: RegistryEndpoint;
  readonly repository: string;
  readonly reference: string;
}

/** Where the image goes: it is stored by digest, then each tag is pointed at it. */
export interface ImageTarget {
  readonly endpoint: RegistryEndpoint;
  readonly repository: string;
  readonly tags: readonly string[];
}

/**
 * Optional bookkeeping of what already arrived. HEAD requests on the target stay the source of truth:
 * `done` never causes a blob to be skipped without the target confirming it holds it.
 */
export interface CopyCheckpoint {
  done(digest: string): Promise<boolean>;
  markDone(digest: string): Promise<void>;
}

/** Progress, for logs and metrics. Carries digests and counts only, never credentials. */
export type CopyProgressEvent =
  | { readonly kind: "manifest-fetched"; readonly digest: string; readonly mediaType: string }
  | {
      readonly kind: "blob-skipped" | "blob-mounted";
      readonly digest: string;
      readonly size: number;
      /** The checkpoint had recorded this digest before the target confirmed it. */
      readonly checkpointed: boolean;
    }
  | { readonly kind: "blob-progress"; readonly digest: string; readonly bytes: number; readonly size: number }
  | { readonly kind: "blob-sent"; readonly digest: string; readonly size: number }
  | { readonly kind: "manifest-pushed"; readonly digest: string; readonly reference: string };

/** What `copyImage` is asked to do. */
export interface CopyImageInput {
  readonly source: ImageSource;
  readonly target: ImageTarget;
  /** A repository on the TARGET registry that may already hold the blobs (cross-repository mount). */
  readonly mountFrom?: string;
  readonly checkpoint?: CopyCheckpoint;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: CopyProgressEvent) => void;
}

/** What a copy did. `bytesSent` counts blob bytes uploaded; manifests are not counted. */
export interface CopyResult {
  /** Digest of the top manifest (image manifest or index), equal at source and target. */
  readonly digest: string;
  readonly mediaType: string;
  /** Manifests written, the index and its children included. */
  readonly manifests: number;
  readonly blobsSent: number;
  readonly blobsSkipped: number;
  readonly blobsMounted: number;
  readonly bytesSent: number;
}

/** Copies images between registries by the OCI distribution API. */
export interface ImageRegistry {
  copyImage(input: CopyImageInput): Promise<CopyResult>;
}

/** Which step of a copy failed; the use case maps these to what a maintainer reads. */
export type RegistryStep =
  | "authenticating"
  | "fetching manifest"
  | "checking manifest"
  | "checking blob"
  | "fetching blob"
  | "mounting blob"
  | "pushing blob"
  | "pushing manifest"
  | "verifying target"
  | "validating input";

/** A registry refused or failed a step. The message names host, repository and step and never holds secrets. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly details: {
      readonly host: string;
      readonly repository: string;
      readonly step: RegistryStep;
      /** HTTP status, when the registry answered. */
      readonly status?: number;
      /** Whether trying again later may help (429, 5xx, network). */
      readonly transient: boolean;
    },
  ) {
    super(message);
    this.name = "RegistryError";
  }
}
