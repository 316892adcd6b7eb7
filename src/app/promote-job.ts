import { createEcrClient } from "../adapters/ecr/create-ecr-client.js";
import { createEcrRegistry } from "../adapters/ecr/ecr-registry.js";
import { createOciImageRegistry } from "../adapters/oci/create-oci-image-registry.js";
import {
  promotionDoneLine,
  promotionFailedLine,
  renderPromotionProgress,
} from "../domain/render/render-promotion-progress.js";
import type { Job } from "../ports/store.js";
import { ciRegistryEndpoint } from "../use-cases/ci-registry-endpoint.js";
import { classifyFailure } from "../use-cases/classify-failure.js";
import { promoteToRegistry, type PromotionOutcome } from "../use-cases/promote-to-registry.js";
import { PermanentJobError, DEFAULT_JOB_RUNNER_OPTIONS } from "../use-cases/job-runner.js";
import { refreshComponent } from "../use-cases/refresh-component.js";
import type { PromotionJobPayload } from "../use-cases/request-promotion.js";
import { repositoryAdapters } from "./repository-adapters.js";
import type { Services } from "./services.js";

/**
 * Runs one promotion job with the installation's token (to read the CI registry) and the
 * AWS credentials of the standard chain (for ECR). Progress goes to the reply comment of
 * the command; success and final failure go to the audit log and the component's evidence.
 * A job cut by a crash runs again from the start: every step is idempotent and blobs that
 * arrived are not sent again. A failure no retry can mend fails once: one reply, one
 * `failed` audit entry, the failure in the status issue.
 */
export function promoteJob(services: Services) {
  return async (job: Job): Promise<void> => {
    const request = job.payload as PromotionJobPayload;
    const [owner, name] = request.repository.split("/") as [string, string];
    const repo = { owner, repo: name };
    const octokit = await services.probot.auth(request.installationId);
    const adapters = repositoryAdapters(octokit, services.pacerFor(request.installationId));
    const lines: string[] = [];
    const progress = async (text: string) => {
      lines.push(text);
      if (request.replyId === undefined) return;
      const { requestedBy, sha } = request;
      const body = renderPromotionProgress({ requestedBy, sha, attempt: job.attempts, lines });
      await adapters.issues.updateComment(repo, request.replyId, body);
    };
    const installationToken = async () =>
      ((await octokit.auth({ type: "installation" })) as { token: string }).token;
    const audit = (outcome: string, message: string, details?: unknown) =>
      services.store.audit.append({
        at: services.clock.now().toISOString(),
        repository: request.repository,
        actor: request.automatic ? "sofie-integration-bot" : request.requestedBy,
        command: request.automatic ? "automatic promotion" : "promotion",
        outcome,
        message,
        ...(details === undefined ? {} : { details }),
      });
    const refreshDeps = {
      ...adapters,
      components: services.store.components,
      clock: services.clock,
      log: services.probot.log,
    };
    const refreshContext = {
      installationId: request.installationId,
      ...request.outputs,
      component: request.component,
    };
    let outcome: PromotionOutcome;
    try {
      outcome = await promoteToRegistry(
        {
          repositories: createEcrRegistry(createEcrClient(process.env, { region: request.registry.region })),
          images: createOciImageRegistry(),
          policy: request.registry,
          sourceEndpoint: (host) => ciRegistryEndpoint(services.env.ciRegistry, host, installationToken),
          progress,
        },
        request,
      );
    } catch (error) {
      const failure = classifyFailure(error);
      const last = failure.permanent || job.attempts >= DEFAULT_JOB_RUNNER_OPTIONS.maxAttempts;
      // Reporting is best effort: GitHub being down must not turn a permanent failure into a retried one.
      await bestEffort(services, "promotion progress not written", () =>
        progress(promotionFailedLine(failure, job.attempts, last)),
      );
      if (!last) throw error;
      await audit("failed", failure.message, { sha: request.sha, attempt: job.attempts });
      await bestEffort(services, "promotion failure not shown", () =>
        refreshComponent(
          refreshDeps,
          repo,
          (current) => ({
            registry: {
              repositoriesReady: current.registry?.repositoriesReady ?? false,
              policyOk: current.registry?.policyOk ?? false,
              ...(current.registry?.pushed ? { pushed: current.registry.pushed } : {}),
              lastFailure: {
                sha: request.sha,
                message: failure.message,
                action: failure.action,
                at: services.clock.now().toISOString(),
              },
            },
          }),
          refreshContext,
        ),
      );
      throw new PermanentJobError(failure.message);
    }
    await progress(
      promotionDoneLine(
        outcome.digests,
        outcome.copies.reduce((n, c) => n + c.bytesSent, 0),
      ),
    );
    // What this attempt actually sent: after a crash, the blobs that had arrived are not counted again.
    const sum = (key: "blobsSent" | "blobsSkipped" | "blobsMounted" | "bytesSent") =>
      outcome.copies.reduce((n, c) => n + c[key], 0);
    await audit("done", `promoted ${request.sha}`, {
      sha: request.sha,
      digests: outcome.digests,
      repositories: outcome.repositories,
      attempt: job.attempts,
      blobsSent: sum("blobsSent"),
      blobsSkipped: sum("blobsSkipped"),
      blobsMounted: sum("blobsMounted"),
      bytesSent: sum("bytesSent"),
    });
    await refreshComponent(
      refreshDeps,
      repo,
      {
        registry: {
          repositoriesReady: true,
          policyOk: true,
          pushed: { sha: request.sha, digests: outcome.digests, at: services.clock.now().toISOString() },
        },
      },
      refreshContext,
    );
  };
}

async function bestEffort(services: Services, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    services.probot.log.warn({ err: classifyFailure(error).message }, what);
  }
}
