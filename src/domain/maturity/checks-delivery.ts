/**
 * Level 3-7 checks (registry, staging, integration tests, production, operation). Their
 * evidence is not recorded yet by any handler, so today they answer "not yet" with what
 * would take the component there; the shapes are ready for the adapters that will fill them.
 */
import type { DeploymentEvidence } from "./evidence.js";
import { type BuiltInCheck, met, unmet, unknown, shortSha, shortDigest, plural } from "./built-in-check.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export const registryRepositories: BuiltInCheck = (evidence) => {
  const registry = evidence.registry;
  if (!registry) return unmet("the registry repositories do not exist yet: a maintainer comments /promote");
  if (!registry.repositoriesReady) return unmet("the registry repositories are not fully set up yet");
  if (!registry.policyOk)
    return unmet(
      "the registry repository policy differs from the platform's (maintainers read-write, developers read-only, nobody else)",
    );
  return met("the registry repositories exist with the platform's policy");
};

export const imageInRegistry: BuiltInCheck = (evidence) => {
  const { ci, images, registry } = evidence;
  const pushed = registry?.pushed;
  const failed = registry?.lastFailure;
  if (failed && pushed?.sha !== failed.sha && (!ci || ci.sha === failed.sha || !pushed))
    return unmet(
      `the promotion of ${shortSha(failed.sha)} to the registry failed: ${failed.message} (what to do: ${failed.action})`,
    );
  if (!pushed) return unmet("no image has been copied to the registry yet: a maintainer comments /promote");
  if (!ci || ci.conclusion !== "success")
    return unmet("the latest build on the watched branch did not pass, so nothing new is pushed");
  if (pushed.sha !== ci.sha)
    return unmet(
      `the registry holds the build of ${shortSha(pushed.sha)}, not the latest passing build (${shortSha(ci.sha)})`,
    );
  const wrong = (images?.built ?? []).filter((b) => b.digest && pushed.digests[b.name] !== b.digest);
  if (wrong.length > 0)
    return unmet(`the registry digest differs from the build for ${wrong.map((b) => b.name).join(", ")}`);
  const digests = Object.entries(pushed.digests).map(([name, d]) => `${name}@${shortDigest(d)}`);
  return met(`the build of ${shortSha(pushed.sha)} is in the registry by digest: ${digests.join(", ")}`);
};

function deployed(where: string, command: string, deployment: DeploymentEvidence | undefined) {
  if (!deployment) return unmet(`not deployed to ${where} yet: a maintainer comments ${command}`);
  return met(
    `${shortDigest(deployment.digest)} deployed to ${where} namespace ${deployment.namespace} at ${deployment.at}`,
  );
}

function available(where: string, deployment: DeploymentEvidence | undefined) {
  if (!deployment) return unmet(`nothing is deployed to ${where} yet`);
  if (!deployment.rolloutAvailable)
    return unmet(`the ${where} rollout in ${deployment.namespace} is not available`);
  return met(`the ${where} rollout in ${deployment.namespace} is available`);
}

export const stagingDeployed: BuiltInCheck = (e) => deployed("staging", "/promote staging", e.staging);
export const stagingRolloutAvailable: BuiltInCheck = (e) => available("staging", e.staging);
export const productionDeployed: BuiltInCheck = (e) =>
  deployed("production", "/promote production", e.production);
export const productionRolloutAvailable: BuiltInCheck = (e) => available("production", e.production);

export const integrationTestsPassed: BuiltInCheck = (evidence) => {
  const run = evidence.integrationTests;
  if (!run) return unmet("the integration test job has not run in staging yet");
  const t = run.totals;
  if (!run.passed) return unmet(`the integration test job ${run.jobName} failed at ${run.at}`);
  if (!t || t.tests === 0) return unmet(`the integration test job ${run.jobName} reported no JUnit tests`);
  if (t.failures + t.errors > 0)
    return unmet(
      `in the integration test job ${run.jobName}, ${plural(t.failures + t.errors, "test")} did not pass`,
    );
  return met(`the integration test job ${run.jobName} passed ${plural(t.tests, "test")} at ${run.at}`);
};

export const healthyDays: BuiltInCheck = (evidence, { now, params }) => {
  const days = typeof params["days"] === "number" ? params["days"] : 7;
  const since = evidence.operated?.healthySince;
  if (!since) return unmet(`not healthy in production yet (${plural(days, "day")} needed)`);
  if (now === undefined) return unknown("cannot count healthy days without the current time");
  // A failed rollout restarts the count even if the recorder forgot to move healthySince.
  const failed = evidence.operated?.lastFailedRolloutAt;
  const start = Math.max(Date.parse(since), failed ? Date.parse(failed) : -Infinity);
  const end = Date.parse(now);
  if (Number.isNaN(start) || Number.isNaN(end))
    return unknown("cannot read the times recorded for production health");
  const healthy = Math.floor(Math.max(0, end - start) / DAY_MS);
  if (healthy < days) return unmet(`healthy in production for ${plural(healthy, "day")} of ${days}`);
  return met(`healthy in production for ${plural(healthy, "day")} without a failed rollout (${days} needed)`);
};

export const rollbackExercised: BuiltInCheck = (evidence) => {
  const at = evidence.operated?.rollbackExercisedAt;
  if (!at) return unmet("no rollback has been exercised yet: a maintainer comments /rollback production");
  return met(`a rollback was exercised at ${at}`);
};
