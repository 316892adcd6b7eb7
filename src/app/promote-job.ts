import { createEcrClient } from "../adapters/ecr/create-ecr-client.js";
import { createEcrRegistry } from "../adapters/ecr/ecr-registry.js";
import { createOciImageRegistry } from "../adapters/oci/create-oci-image-registry.js";
import type { Job } from "../ports/store.js";
import { ciRegistryEndpoint } from "../use-cases/ci-registry-endpoint.js";
import { DEFAULT_JOB_RUNNER_OPTIONS } from "../use-cases/job-runner.js";
import type { PromotionJobPayload } from "../use-cases/request-promotion.js";
import { runPromotion } from "../use-cases/run-promotion.js";
import { repositoryAdapters } from "./repository-adapters.js";
import type { Services } from "./services.js";

/**
 * Runs one promotion job (`runPromotion`) with the installation's token (to read the CI
 * registry and reply) and the AWS credentials of the standard chain (for ECR).
 */
export function promoteJob(services: Services) {
  return async (job: Job): Promise<void> => {
    const request = job.payload as PromotionJobPayload;
    const octokit = await services.probot.auth(request.installationId);
    const adapters = repositoryAdapters(octokit, services.pacerFor(request.installationId));
    const installationToken = async () =>
      ((await octokit.auth({ type: "installation" })) as { token: string }).token;
    const result = await runPromotion(
      {
        registry: {
          repositories: createEcrRegistry(createEcrClient(process.env, { region: request.registry.region })),
          images: createOciImageRegistry(),
          sourceEndpoint: (host) => ciRegistryEndpoint(services.env.ciRegistry, host, installationToken),
        },
        issues: adapters.issues,
        components: services.store.components,
        jobs: services.store.jobs,
        audit: services.store.audit,
        clock: services.clock,
        log: services.probot.log,
      },
      request,
      { attempt: job.attempts, isFinal: job.attempts >= DEFAULT_JOB_RUNNER_OPTIONS.maxAttempts },
    );
    services.probot.log.info(
      { repository: request.repository, sha: request.sha, result },
      "promotion job done",
    );
  };
}
