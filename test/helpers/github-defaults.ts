/** What a GitHub stand-in answers when a test says nothing: errors, installation tokens, the description to check against. */
import { availableDescriptions, type DescriptionName } from "./openapi.js";

/** A body shaped like GitHub's error responses. */
export function githubError(status: number, message: string): Record<string, string> {
  return { message, documentation_url: "https://docs.github.com/rest", status: String(status) };
}

/** A valid `POST /app/installations/{installation_id}/access_tokens` 201 body, valid for an hour. */
export function installationTokenBody(
  token = "ghs_testInstallationToken0000000000000000",
): Record<string, unknown> {
  return {
    token,
    expires_at: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    permissions: {
      checks: "write",
      contents: "read",
      issues: "write",
      metadata: "read",
      pull_requests: "write",
    },
    repository_selection: "all",
  };
}

/** `api.github.com`, or the newest GitHub Enterprise Server description for an `/api/v3` base URL. */
export function defaultDescription(baseUrl: string): DescriptionName {
  if (!/\/api\/v3\/?$/.test(new URL(baseUrl).pathname)) return "api.github.com";
  const ghes = availableDescriptions()
    .filter((name) => /^ghes-\d+\.\d+$/.test(name))
    .sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]));
  return (ghes.at(-1) as DescriptionName | undefined) ?? "api.github.com";
}
