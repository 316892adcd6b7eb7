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
