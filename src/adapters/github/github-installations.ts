import type { InstallationRepositories, Installations } from "../../ports/installations.js";
import type { Octokit } from "./octokit.js";

/** `GET /app/installations`, all pages, with the app's JWT-authenticated Octokit. */
export function createGitHubInstallations(appOctokit: Octokit): Installations {
  return {
    async listInstallations() {
      const all = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
      return all.map((installation) => {
        const contents = installation.permissions?.contents;
        return {
          id: installation.id,
          contentsAccess: contents === "write" || contents === "read" ? contents : "none",
        };
      });
    },
  };
}

/** `GET /installation/repositories`, all pages, with an installation's Octokit. */
export function createGitHubInstallationRepositories(octokit: Octokit): InstallationRepositories {
  return {
    async listRepositories() {
      const all = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
        per_page: 100,
      });
      return all.map((repository) => repository.full_name);
    },
  };
}
