import { ProbotOctokit } from "probot";

/** An Octokit as Probot builds it, with retries and throttling off so that a mock sees each request once. */
export function testOctokit(baseUrl = "https://api.github.com"): InstanceType<typeof ProbotOctokit> {
  return new ProbotOctokit({
    auth: { token: "t" },
    baseUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

/**
 * The `Octokit` option for an in-process `new Probot(...)`, with retries and throttling off.
 * `ProbotOctokit.defaults({ throttle: { enabled: false } })` is not enough with Probot 14:
 * Probot sets its own `throttle` handlers on every client it makes, and `defaults()` merges
 * shallowly, so they replace `{ enabled: false }` and writes are throttled to one a second.
 * A function sees Probot's options last and can switch throttling off inside them.
 */
export const TestProbotOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options.throttle as object | undefined), enabled: false },
}));
