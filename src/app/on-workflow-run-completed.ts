import type { Context } from "probot";
import { parseImagesJson } from "../domain/images/parse-images-json.js";
import { imagesEvidence } from "../domain/maturity/images-evidence.js";
import { refreshComponent } from "../use-cases/refresh-component.js";
import { requestPromotion } from "../use-cases/request-promotion.js";
import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import { IMAGES_JSON } from "../domain/names.js";
import { reportTests } from "../use-cases/report-tests.js";
import { componentContext } from "./component-context.js";
import type { Services } from "./services.js";

/**
 * `workflow_run.completed` → the test-results check run on the run's head commit; for a
 * push to the watched branch, the run's results become the component's CI evidence.
 */
export function onWorkflowRunCompleted(services: Services) {
  return async (context: Context<"workflow_run.completed">): Promise<void> => {
    const run = context.payload.workflow_run;
    const installationId = context.payload.installation?.id;
    if (!installationId) return;
    const c = await componentContext(services, context, installationId);
    const repo = context.repo();
    const outcome = await reportTests(
      {
        source: c.adapters.source,
        artifacts: c.adapters.artifacts,
        checks: c.adapters.checks,
        checkName: c.policy.checks.tests,
      },
      repo,
      {
        id: run.id,
        attempt: run.run_attempt ?? 1,
        headSha: run.head_sha,
        workflowPath: run.path,
        conclusion: run.conclusion,
        htmlUrl: run.html_url,
      },
    );
    services.metrics.webhooks.inc({ event: "workflow_run.completed", outcome: outcome.status });
    context.log.info(
      { outcome: outcome.status === "reported" ? outcome.title : outcome.reason, runId: run.id },
      "workflow run handled",
    );
    if (outcome.status !== "reported") return;
    services.metrics.testReports.inc({ conclusion: outcome.conclusion });

    const { manifest, results } = outcome;
    if (run.event !== "push" || run.head_branch !== manifest.branch) return;
    const parsed =
      results.imagesJson === undefined ? undefined : parseImagesJson(results.imagesJson, IMAGES_JSON);
    const record = await services.store.components.get(`${repo.owner}/${repo.repo}`);
    const known = (record?.evidence ?? {}) as ComponentEvidence;
    // After level 3 every passing build follows into the registry, unless a maintainer said /hold.
    const follow = run.conclusion === "success" && known.registry?.pushed !== undefined && !known.hold;
    const result = await refreshComponent(
      c.refreshDeps,
      repo,
      {
        ci: {
          runId: run.id,
          sha: run.head_sha,
          conclusion: run.conclusion ?? "unknown",
          at: run.updated_at,
          branch: manifest.branch,
          reportsFound: results.reportsFound,
          ...(results.totals ? { totals: results.totals } : {}),
          parseErrors: results.parseErrors,
          ...(results.readError ? { readError: results.readError } : {}),
        },
        images: imagesEvidence(
          manifest,
          parsed?.images,
          {
            sha: run.head_sha,
            branch: manifest.branch,
            runNumber: run.run_number,
            runAttempt: run.run_attempt ?? 1,
          },
          { registryHosts: services.env.ciRegistry.hosts, problems: parsed?.problems ?? [] },
        ),
      },
      // When the build is about to follow into the registry, the promotion job shows the new level.
      { ...c.refresh, component: manifest.component, ...(follow ? { publish: false } : {}) },
    );
    if (!follow) return;
    const queued = await requestPromotion(
      { jobs: services.store.jobs, clock: services.clock, rememberConfirmation: async () => undefined },
      {
        repository: `${repo.owner}/${repo.repo}`,
        installationId,
        target: "registry",
        actor: "sofie-integration-bot",
        automatic: true,
        evidence: result.evidence,
        manifest,
        registry: c.policy.registry,
        ladder: c.refresh.ladder,
        maturityCheckName: c.refresh.maturityCheckName,
        topicPrefix: c.refresh.topicPrefix,
      },
    );
    if (queued.outcome !== "done") {
      // Not promotable after all (e.g. images.json incomplete): show the level with the reason now.
      await refreshComponent(c.refreshDeps, repo, {}, { ...c.refresh, component: manifest.component });
    }
    context.log.info({ outcome: queued.outcome, message: queued.message }, "automatic promotion");
  };
}
