import type { TeamMembership } from "../../ports/team-membership.js";
import { hasStatus, type Octokit } from "./octokit.js";

/**
 * Team membership through `GET /orgs/{org}/teams/{team_slug}/memberships/{username}`:
 * only `state: active` counts (an invited, pending member does not).
 */
export function createGitHubTeamMembership(octokit: Octokit): TeamMembership {
  return {
    async isActiveMember(team, username) {
      const match = /^@([^/]+)\/(.+)$/.exec(team);
      if (!match) return false;
      const [, org, teamSlug] = match as unknown as [string, string, string];
      try {
        const { data } = await octokit.rest.teams.getMembershipForUserInOrg({
          org,
          team_slug: teamSlug,
          username,
        });
        return data.state === "active";
      } catch (error) {
        if (hasStatus(error, 404)) return false;
        throw error;
      }
    },
  };
}
