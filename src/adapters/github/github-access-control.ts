import type { AccessControl, RepositoryRole } from "../../ports/access-control.js";
import { hasStatus, type Octokit } from "./octokit.js";

const ROLES: readonly RepositoryRole[] = ["admin", "maintain", "write", "triage", "read", "none"];

/** Repository roles through GitHub's collaborator permission API. */
export function createGitHubAccessControl(octokit: Octokit): AccessControl {
  return {
    async roleOf(repo, username) {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
        const role = (data.role_name ?? data.permission) as RepositoryRole;
        return ROLES.includes(role) ? role : data.permission === "write" ? "write" : "read";
      } catch (error) {
        if (hasStatus(error, 404)) return "none";
        throw error;
      }
    },
  };
}
