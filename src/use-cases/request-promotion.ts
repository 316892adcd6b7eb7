import type { ComponentManifest } from "../domain/manifest/component-manifest.js";
import { MANIFEST_PATH } from "../domain/names.js";
import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { evaluateMaturity } from "../domain/maturity/evaluate-maturity.js";
import type { Ladder } from "../domain/maturity/ladder.js";
import type { RegistryPolicy } from "../config/policy.js";
import type { ComponentStore, JobQueueStore } from "../ports/store.js";
import { updateComponent } from "./update-component.js";
import type { Clock } from "../ports/clock.js";
import type { ActionResult } from "./run-commands.js";
import type { PromotedImage, PromotionRequest } from "./promote-to-registry.js";
import { enqueueJob, type JobType } from "./job-kind.js";
import { promotionJobPayloadSchema } from "./promotion-job-payload.js";

export const PROMOTE_JOB = "promote";

/** A promotion job's payload: the request plus the registry policy it was asked under. */
export interface PromotionJobPayload extends PromotionRequest {
  readonly registry: RegistryPolicy;
  /** How the component's level is shown once promoted (from the policy, at request time). */
  readonly outputs: {
    readonly ladder: Ladder;
  };
}

export interface RequestPromotionInput {
  readonly repository: string;
  readonly installationId: number;
  readonly target: string | undefined;
  readonly actor: string;
  readonly replyId?: number;
  readonly issueNumber?: number;
  readonly automatic: boolean;
  readonly evidence: ComponentEvidence;
  readonly manifest: ComponentManifest | undefined;
  readonly registry: RegistryPolicy | undefined;
  readonly ladder: Ladder;
}

export interface RequestPromotionDeps {
  readonly jobs: JobQueueStore;
  readonly components: ComponentStore;
  readonly clock: Clock;
}

/** Promotion jobs: one per component and commit; one promotion of a component runs at a time. */
export const PROMOTE_JOB_TYPE: JobType<PromotionJobPayload> = {
  kind: PROMOTE_JOB,
  version: 1,
  schema: promotionJobPayloadSchema,
  group: (payload) => payload.repository,
};

/**
 * `/promote` and `/promote registry` (and the automatic promotion of each passing build
 * after level 3): checks that level 2 holds on the latest passing watched-branch build,
 * binds the digests to the commit they were built from, and queues one durable promotion
 * job per component and commit (a second request for the same build joins the first).
 */
export async function requestPromotion(
  deps: RequestPromotionDeps,
  input: RequestPromotionInput,
): Promise<ActionResult> {
  const { evidence } = input;
  if (input.target === "staging" || input.target === "production") {
    return {
      outcome: "unavailable",
      message: `\`/promote ${input.target}\` arrives with the deployment milestone; the registry is the only target today.`,
    };
  }
  if (!input.registry) {
    return {
      outcome: "refused",
      message:
        "the organisation policy has no `registry:` section (account, region, writers, readers), so there is nowhere to promote to; see docs/registry.md",
    };
  }
  if (!input.manifest)
    return {
      outcome: "refused",
      message: `this repository has no valid \`${MANIFEST_PATH}\` on its default branch`,
    };
  const evaluation = evaluateMaturity(input.ladder, evidence, { now: deps.clock.now().toISOString() });
  const ci = evidence.ci;
  if (evaluation.level < 2 || !ci || ci.conclusion !== "success") {
    const missing = evaluation.levels
      .filter((level) => level.level <= 2)
      .flatMap((level) => level.requirements.filter((r) => r.state !== "met").map((r) => `- ${r.reason}`));
    return {
      outcome: "refused",
      message: `Level 2 does not hold, so nothing is promoted:\n\n${missing.join("\n")}`,
    };
  }
  const images = evidence.images;
  if (!images || images.sha !== ci.sha) {
    return {
      outcome: "refused",
      message: `no images.json was recorded for the passing build ${ci.sha.slice(0, 7)}`,
    };
  }
  if (evidence.registry?.pushed?.sha === ci.sha) {
    return {
      outcome: "done",
      message: `The build of ${ci.sha.slice(0, 7)} is already in the registry.`,
      details: { sha: ci.sha, digests: evidence.registry.pushed.digests },
    };
  }
  const head = evidence.push?.sha;
  if (!input.automatic && head && head !== ci.sha && evidence.confirmedPromotion !== ci.sha) {
    // Remembered on the fresh record, so that the next /promote goes ahead with this build.
    await updateComponent(deps, input.repository, input.installationId, (fresh) => ({
      evidence: { ...fresh, confirmedPromotion: ci.sha },
      result: undefined,
    }));
    return {
      outcome: "refused",
      message: `The watched branch moved to ${head.slice(0, 7)} since the latest passing build (${ci.sha.slice(0, 7)}), whose images would be promoted. Comment \`/promote\` again to promote ${ci.sha.slice(0, 7)}, or wait for the build of ${head.slice(0, 7)}.`,
    };
  }
  const promoted: PromotedImage[] = [];
  for (const name of images.declared) {
    const built = images.built.find((b) => b.name === name);
    const ref = built?.ref;
    if (!built?.digest || !ref)
      return {
        outcome: "refused",
        message: `images.json of ${ci.sha.slice(0, 7)} has no reference and digest for the image "${name}"`,
      };
    promoted.push({ name, ref, digest: built.digest, tags: registryTags(input, name) });
  }
  const payload: PromotionJobPayload = {
    repository: input.repository,
    installationId: input.installationId,
    sha: ci.sha,
    pilot: input.manifest.pilot,
    component: input.manifest.component,
    developers: input.manifest.developers,
    images: promoted,
    requestedBy: input.actor,
    automatic: input.automatic,
    registry: input.registry,
    outputs: { ladder: input.ladder },
    ...(input.issueNumber === undefined ? {} : { issueNumber: input.issueNumber }),
    ...(input.replyId === undefined ? {} : { replyId: input.replyId }),
  };
  const queued = await enqueueJob(
    deps.jobs,
    PROMOTE_JOB_TYPE,
    `promote:${input.repository}:${ci.sha}`,
    payload,
    deps.clock,
  );
  const list = promoted.map((p) => `\`${p.name}@${p.digest.slice(0, 19)}…\``).join(", ");
  return queued
    ? {
        outcome: "done",
        message: `Promotion of ${ci.sha.slice(0, 7)} to the registry queued: ${list}. Progress follows here.`,
        details: { sha: ci.sha, digests: Object.fromEntries(promoted.map((p) => [p.name, p.digest])) },
      }
    : {
        outcome: "done",
        message: `A promotion of ${ci.sha.slice(0, 7)} is already queued or running; it reports here when done.`,
        details: { sha: ci.sha },
      };
}

/** Placeholders that make a tag unique to one build. */
const PER_BUILD = /\{(sha|short_sha|run_number|run_attempt)\}/;

/**
 * The tags an image gets in the registry: the manifest's scheme, except that with
 * immutable tags (the default) a tag that moves from build to build (`{branch}`, `latest`)
 * cannot be applied a second time, so only the per-build tags are.
 */
function registryTags(input: RequestPromotionInput, image: string): string[] {
  const rendered = input.evidence.images?.expectedTags[image] ?? [];
  if (!input.registry?.immutableTags) return [...rendered];
  const templates = input.manifest?.images.find((i) => i.name === image)?.tags ?? [];
  return rendered.filter((_tag, index) => PER_BUILD.test(templates[index] ?? ""));
}
