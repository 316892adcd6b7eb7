/**
 * The organisation around fake repositories: the policy file in the organisation's `.github`
 * repository (read the way Probot's `context.config()` reads it, raw) and team memberships
 * (`GET /orgs/{org}/teams/{team_slug}/memberships/{username}`).
 */
import type { FakeGitHub, FakeResponse } from "./fake-github-server.js";
import { example } from "./fake-repository.js";

export interface FakeOrgSettings {
  /** path in the `.github` repository → content. */
  readonly files: Map<string, string>;
  /** team slug → active members; a user in `pending` has been invited but has not accepted. */
  readonly teams: Map<string, { active: string[]; pending?: string[] }>;
}

const notFound: FakeResponse = {
  status: 404,
  body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
};

/**
 * Serves the organisation's `.github` repository files and team memberships. Install it after the
 * fake repositories: its `.github` route is more specific than their contents route, so it wins.
 */
export function installOrganisation(gh: FakeGitHub, org: string): FakeOrgSettings {
  const organisation: FakeOrgSettings = { files: new Map(), teams: new Map() };

  gh.route(
    `GET /repos/{owner}/.github/contents/{path}`,
    (req) => {
      const content = req.params.owner === org ? organisation.files.get(req.params.path ?? "") : undefined;
      if (content === undefined) return notFound;
      // Probot asks for the raw media type and parses the text itself.
      return {
        status: 200,
        body: Buffer.from(content),
        headers: { "content-type": "application/vnd.github.raw; charset=utf-8" },
      };
    },
    { validateResponse: false },
  );

  gh.route("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", (req) => {
    const team = req.params.org === org ? organisation.teams.get(req.params.team_slug ?? "") : undefined;
    const user = req.params.username ?? "";
    const state = team?.active.includes(user)
      ? "active"
      : team?.pending?.includes(user)
        ? "pending"
        : undefined;
    if (!state) return notFound;
    const base = example("GET", "/orgs/o/teams/t/memberships/u", 200) as Record<string, unknown>;
    return { status: 200, body: { ...base, role: "member", state } };
  });
  return organisation;
}
