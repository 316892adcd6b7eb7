import { createEcrClient } from "../adapters/ecr/create-ecr-client.js";
import { createEcrRegistry } from "../adapters/ecr/ecr-registry.js";
import { createOciImageRegistry } from "../adapters/oci/create-oci-image-registry.js";
import { ciRegistryEndpoint } from "../use-cases/ci-registry-endpoint.js";
import { defineJobKind, type JobContext } from "../use-cases/job-kind.js";
import { PROMOTE_JOB_TYPE, type PromotionJobPayload } from "../use-cases/request-promotion.js";
import { runPromotion } from "../use-cases/run-promotion.js";
import { installationDeps } from "./installation-deps.js";
import type { Services } from "./services.js";

/**
 * Promotions run two at a time (each for its own component: one promotion of a component
 * runs at a time), so a large copy never holds up another component's promotion for long.
 */
export const PROMOTE_CONCURRENCY = 2;

/**
 * Runs one promotion job (`runPromotion`) with the installation's token (to read the CI
 * registry and reply) and the AWS credentials of the standard chain (for ECR).
 */
export function promoteJob(services: Services) {
  return defineJobKind({ ...PROMOTE_JOB_TYPE, concurrency: PROMOTE_CONCURRENCY, run: promote(services) });
}

function promote(services: Services) {
  return async (request: PromotionJobPayload, { job, isFinal, signal }: JobContext): Promise<void> => {
    const deps = await installationDeps(services, request.installationId);
    const installationToken = async () =>
      ((await deps.octokit.auth({ type: "installation" })) as { token: string }).token;
    const result = await runPromotion(
      {
        registry: {
          repositories: createEcrRegistry(
            createEcrClient(services.env.aws, { region: request.registry.region }),
          ),
          images: createOciImageRegistry(),
          sourceEndpoint: (host) => ciRegistryEndpoint(services.env.ciRegistry, host, installationToken),
        },
        ...deps,
      },
      request,
      { attempt: job.attempts, isFinal, signal },
    );
    services.probot.log.info(
      { repository: request.repository, sha: request.sha, result },
      "promotion job done",
    );
  };
}
