import { createEcrClient } from "../adapters/ecr/create-ecr-client.js";
import { createEcrRegistry } from "../adapters/ecr/ecr-registry.js";
import { createOciImageRegistry } from "../adapters/oci/create-oci-image-registry.js";
import { neutralizeMarkdownMentions } from "../domain/render/neutralize-mentions.js";
import type { RegistryEndpoint } from "../ports/image-registry.js";
import type { Job } from "../ports/store.js";
import { promoteToRegistry, PromotionError } from "../use-cases/promote-to-registry.js";
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
 * arrived are not sent again.
 */
export function promoteJob(services: Services, env: NodeJS.ProcessEnv = process.env) {
  return async (job: Job): Promise<void> => {
    const request = job.payload as PromotionJobPayload;
    const [owner, name] = request.repository.split("/") as [string, string];
    const repo = { owner, repo: name };
    const octokit = await services.probot.auth(request.installationId);
    const adapters = repositoryAdapters(octokit, services.pacer);
    const lines: string[] = [];
    const progress = async (text: string) => {
      lines.push(text);
      if (request.replyId === undefined) return;
      const header = `@${request.requestedBy} promotion of ${request.sha.slice(0, 7)} to the registry (attempt ${job.attempts}):`;
      // Error messages echo images.json and registry answers: no mention in them may ping anyone.
      const body = neutralizeMarkdownMentions(lines.map((l) => `- ${l}`).join("\n"));
      await adapters.issues.updateComment(repo, request.replyId, `${header}\n\n${body}`);
    };
    const insecure = new Set(
      (env.SOFIE_INSECURE_REGISTRIES ?? "")
        .split(",")
        .map((h) => h.trim())
        .filter(Boolean),
    );
    const installationToken = async () =>
      ((await octokit.auth({ type: "installation" })) as { token: string }).token;
    const token = env.SOFIE_CI_REGISTRY_PASSWORD ? undefined : await installationToken();
    const sourceEndpoint = (host: string): RegistryEndpoint => ({
      url: `${insecure.has(host) ? "http" : "https"}://${host}`,
      credentials: {
        username: env.SOFIE_CI_REGISTRY_USERNAME ?? "x-access-token",
        password: env.SOFIE_CI_REGISTRY_PASSWORD ?? token ?? "",
      },
    });
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
    try {
      const outcome = await promoteToRegistry(
        {
          repositories: createEcrRegistry(createEcrClient(env, { region: request.registry.region })),
          images: createOciImageRegistry(),
          policy: request.registry,
          sourceEndpoint,
          progress,
        },
        request,
      );
      await progress(
        `✅ Done: ${Object.entries(outcome.digests)
          .map(([image, digest]) => `\`${image}@${digest}\``)
          .join(
            ", ",
          )} in the registry; ${outcome.copies.reduce((n, c) => n + c.bytesSent, 0)} blob bytes sent.`,
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
        {
          ...adapters,
          components: services.store.components,
          clock: services.clock,
          log: services.probot.log,
        },
        repo,
        {
          registry: {
            repositoriesReady: true,
            policyOk: true,
            pushed: { sha: request.sha, digests: outcome.digests, at: services.clock.now().toISOString() },
          },
        },
        {
          installationId: request.installationId,
          ...request.outputs,
          component: request.component,
        },
      );
    } catch (error) {
      const message = (error as Error).message;
      const last = error instanceof PromotionError || job.attempts >= DEFAULT_JOB_RUNNER_OPTIONS.maxAttempts;
      await progress(
        last ? `❌ Failed: ${message}` : `⚠️ Attempt ${job.attempts} failed: ${message}; retrying`,
      );
      if (last) await audit("failed", message, { sha: request.sha });
      if (error instanceof PromotionError) throw new PermanentJobError(message);
      throw error;
    }
  };
}
