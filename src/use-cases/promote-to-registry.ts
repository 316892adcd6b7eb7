import { BOT_ACTOR } from "../domain/names.js";
import { parseImageRef, type ImageRef } from "../domain/images/parse-image-ref.js";
import { buildLifecyclePolicy } from "../domain/registry/build-lifecycle-policy.js";
import { buildRepositoryPolicy } from "../domain/registry/build-repository-policy.js";
import { ecrRepositoryName } from "../domain/registry/ecr-repository-name.js";
import { teamPrincipals } from "../domain/registry/team-principals.js";
import {
  renderPromotionCopying,
  renderPromotionPreparing,
} from "../domain/render/render-promotion-progress.js";
import type { RegistryPolicy } from "../config/policy.js";
import type { CopyResult, ImageRegistry, RegistryEndpoint } from "../ports/image-registry.js";
import type { RegistryRepositories } from "../ports/registry-repositories.js";
import { PermanentFailure } from "./classify-failure.js";

/** One image of the build being promoted, as `images.json` recorded it. */
export interface PromotedImage {
  readonly name: string;
  /** Where CI pushed it, e.g. `ghcr.io/sofie-iot/gateway@sha256:…`. */
  readonly ref: string;
  readonly digest: string;
  readonly tags: readonly string[];
}

/** What a promotion job carries: everything it needs, so it can run (or resume) on its own. */
export interface PromotionRequest {
  readonly repository: string;
  readonly installationId: number;
  /** The commit the images were built from. */
  readonly sha: string;
  readonly pilot: string;
  readonly component: string;
  readonly developers: string;
  readonly images: readonly PromotedImage[];
  readonly requestedBy: string;
  readonly automatic: boolean;
  /** The issue and reply comment to report progress in (commands only). */
  readonly issueNumber?: number;
  readonly replyId?: number;
}

export interface PromoteDeps {
  readonly repositories: RegistryRepositories;
  readonly images: ImageRegistry;
  readonly policy: RegistryPolicy;
  /** How to reach the CI registry that holds `host` (scheme and credentials); rejects a host that is not trusted. */
  readonly sourceEndpoint: (host: string) => Promise<RegistryEndpoint>;
  readonly progress: (text: string) => Promise<void>;
  /** Aborted when the job must stop (its lease was lost, or it was cancelled): the copy stops too. */
  readonly signal?: AbortSignal;
}

export interface PromotionOutcome {
  readonly digests: Readonly<Record<string, string>>;
  readonly repositories: readonly string[];
  readonly copies: readonly CopyResult[];
}

/**
 * Takes a build into the platform registry: repositories created (or brought in line)
 * with the platform's settings and least-privilege policy, then each image copied by
 * digest with its tags, and the digests at both ends compared. Every step is idempotent,
 * so a job that a crash interrupted runs again from the start and sends only the blobs
 * that had not arrived.
 */
export async function promoteToRegistry(
  deps: PromoteDeps,
  request: PromotionRequest,
): Promise<PromotionOutcome> {
  const { policy } = deps;
  const readers = teamPrincipals(policy.readers, request.developers);
  const repositoryPolicy = buildRepositoryPolicy({ writers: policy.writers, readers });
  const lifecyclePolicy = buildLifecyclePolicy(policy.lifecycle);
  // Every source is checked before anything is created or requested: a refused host stops the whole promotion.
  const sources: Array<{ image: PromotedImage; ref: ImageRef; endpoint: RegistryEndpoint }> = [];
  for (const image of request.images) {
    const ref = parseImageRef(image.ref);
    if (!ref)
      throw new PromotionError(
        `images.json names "${image.ref}" for ${image.name}, which is not an image reference`,
      );
    if (ref.digest !== undefined && ref.digest !== image.digest)
      throw new PromotionError(
        `images.json names ${ref.digest} in the ref of ${image.name} but ${image.digest} as its digest; nothing is promoted`,
      );
    sources.push({ image, ref, endpoint: await deps.sourceEndpoint(ref.host) });
  }
  const login = await deps.repositories.getAuthorization();
  const target = { url: login.endpoint, credentials: { username: login.username, password: login.password } };
  const digests: Record<string, string> = {};
  const names: string[] = [];
  const copies: CopyResult[] = [];
  for (const { image, ref: source, endpoint } of sources) {
    const name = ecrRepositoryName(
      policy.prefix,
      request.pilot,
      request.component,
      image.name === request.component ? undefined : image.name,
    );
    await deps.progress(renderPromotionPreparing(name));
    await deps.repositories.ensureRepository({
      name,
      scanOnPush: policy.scanOnPush,
      immutableTags: policy.immutableTags,
      tags: {
        Repository: request.repository,
        Pilot: request.pilot,
        Component: request.component,
        ManagedBy: BOT_ACTOR,
      },
      lifecyclePolicy,
      repositoryPolicy,
    });
    await deps.progress(renderPromotionCopying(image.name, image.digest, name));
    const copy = await deps.images.copyImage({
      source: {
        endpoint,
        repository: source.repository,
        reference: image.digest,
      },
      target: { endpoint: target, repository: name, tags: image.tags },
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    if (copy.digest !== image.digest) {
      throw new PromotionError(
        `the registry holds ${copy.digest} for ${image.name}, not the built ${image.digest}; nothing is recorded as promoted`,
      );
    }
    digests[image.name] = copy.digest;
    names.push(name);
    copies.push(copy);
  }
  return { digests, repositories: names, copies };
}

/** A promotion that cannot succeed as asked (bad reference, digest mismatch): no retry mends it. */
export class PromotionError extends PermanentFailure {
  override name = "PromotionError";
  constructor(message: string) {
    super(
      message,
      "re-run the CI workflow so that it builds and pushes the image again; the next passing build is promoted",
    );
  }
}
