/**
 * The default ladder of SPEC "The maturity ladder", as data. Requirement ids are the
 * built-in check ids, so a policy can reuse a check by naming it.
 */
import type { Ladder } from "./ladder.js";
import { MANIFEST_PATH } from "../names.js";

export interface DefaultLadderOptions {
  /** N of level 7's "healthy in production for N days"; the policy's value, default 7. */
  readonly healthyDays?: number;
}

/** The default ladder, with level 7's day count from the policy. */
export function defaultLadder(options: DefaultLadderOptions = {}): Ladder {
  const days = options.healthyDays ?? 7;
  return {
    levels: [
      {
        level: 1,
        name: "Connected",
        gate: {
          by: "developers",
          description: "install the app, merge the onboarding PR and push to the watched branch",
        },
        requirements: [
          {
            id: "app-installed",
            check: "app-installed",
            description: "the app is installed with contents access",
          },
          {
            id: "manifest-valid",
            check: "manifest-valid",
            description: `a valid ${MANIFEST_PATH} is on the default branch`,
          },
          {
            id: "push-received",
            check: "push-received",
            description: "a push webhook for the watched branch was received",
          },
        ],
      },
      {
        level: 2,
        name: "Built and tested",
        gate: { by: "developers", description: "make the CI workflow on the watched branch pass" },
        requirements: [
          {
            id: "ci-passed",
            check: "ci-passed",
            description: "the latest CI run on the watched branch succeeded",
          },
          {
            id: "images-built",
            check: "images-built",
            description: "every declared image was built with a digest and tagged per the manifest",
          },
          {
            id: "images-parametrised",
            check: "images-parametrised",
            description: "images take addresses and ports as parameters (the Dockerfile check passes)",
          },
          {
            id: "junit-found",
            check: "junit-found",
            description: "JUnit reports were found, with at least one test and no failures or errors",
          },
        ],
      },
      {
        level: 3,
        name: "In the registry",
        gate: {
          by: "maintainers",
          command: "/promote",
          description: "the first time; later passing builds are pushed automatically",
        },
        requirements: [
          {
            id: "registry-repositories",
            check: "registry-repositories",
            description: "the registry repositories exist with the platform's access policy",
          },
          {
            id: "image-in-registry",
            check: "image-in-registry",
            description: "the image of the latest passing build is in the registry by digest",
          },
        ],
      },
      {
        level: 4,
        name: "Staged",
        gate: {
          by: "maintainers",
          command: "/promote staging",
          description: "or automatic after level 3 if the policy says so",
        },
        requirements: [
          {
            id: "staging-deployed",
            check: "staging-deployed",
            description: "deployed to the pilot's staging namespace",
          },
          {
            id: "staging-rollout-available",
            check: "staging-rollout-available",
            description: "the staging rollout is available",
          },
        ],
      },
      {
        level: 5,
        name: "Integration-tested",
        gate: { by: "automatic", description: "the integration test job runs once the component is staged" },
        requirements: [
          {
            id: "integration-tests-passed",
            check: "integration-tests-passed",
            description: "the integration test job passed in staging (JUnit collected)",
          },
        ],
      },
      {
        level: 6,
        name: "In production",
        gate: {
          by: "maintainers",
          command: "/promote production",
          description: "deploys to the pilot's production namespace",
        },
        requirements: [
          {
            id: "production-deployed",
            check: "production-deployed",
            description: "deployed to the pilot's production namespace",
          },
          {
            id: "production-rollout-available",
            check: "production-rollout-available",
            description: "the production rollout is available",
          },
        ],
      },
      {
        level: 7,
        name: "Operated",
        gate: {
          by: "automatic",
          description: "after enough healthy days in production and an exercised rollback",
        },
        requirements: [
          {
            id: "healthy-days",
            check: "healthy-days",
            params: { days },
            description: `healthy in production for ${days} days without a failed rollout`,
          },
          { id: "rollback-exercised", check: "rollback-exercised", description: "a rollback was exercised" },
        ],
      },
    ],
  };
}

/** The default ladder with the default settings. */
export const DEFAULT_LADDER: Ladder = defaultLadder();
