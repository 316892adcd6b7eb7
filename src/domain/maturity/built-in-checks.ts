/** Every check the bot knows, by id. Ladder requirements (default or from policy) name one of these. */
import type { BuiltInCheck } from "./built-in-check.js";
import { appInstalled, manifestValid, pushReceived } from "./checks-connected.js";
import { ciPassed, imagesBuilt, imagesParametrised, junitFound } from "./checks-built.js";
import {
  registryRepositories,
  imageInRegistry,
  stagingDeployed,
  stagingRolloutAvailable,
  integrationTestsPassed,
  productionDeployed,
  productionRolloutAvailable,
  healthyDays,
  rollbackExercised,
} from "./checks-delivery.js";

export const BUILT_IN_CHECKS: Readonly<Record<string, BuiltInCheck>> = Object.freeze({
  "app-installed": appInstalled,
  "manifest-valid": manifestValid,
  "push-received": pushReceived,
  "ci-passed": ciPassed,
  "images-built": imagesBuilt,
  "images-parametrised": imagesParametrised,
  "junit-found": junitFound,
  "registry-repositories": registryRepositories,
  "image-in-registry": imageInRegistry,
  "staging-deployed": stagingDeployed,
  "staging-rollout-available": stagingRolloutAvailable,
  "integration-tests-passed": integrationTestsPassed,
  "production-deployed": productionDeployed,
  "production-rollout-available": productionRolloutAvailable,
  "healthy-days": healthyDays,
  "rollback-exercised": rollbackExercised,
});

/** True when `id` names a built-in check (own property only: "constructor" is not a check). */
export function isBuiltInCheck(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(BUILT_IN_CHECKS, id);
}
