import type { RepositoryRef } from "../../ports/repository-ref.js";
import type { SourceReader } from "../../ports/source-reader.js";
import { hasStatus, type Octokit } from "./octokit.js";

/** Repository files through GitHub's contents and git trees APIs. */
export function createGitHubSourceReader(octokit: Octokit): SourceReader {
  return {
    async readFile(repo: RepositoryRef, path: string, ref: string) {
      try {
        const { data } = await octokit.rest.repos.getContent({ ...repo, path, ref });
        if (Array.isArray(data) || data.type !== "file") return undefined;
        return Buffer.from(data.content, "base64").toString("utf8");
      } catch (error) {
        if (hasStatus(error, 404)) return undefined;
        throw error;
      }
    },
    async listPaths(repo: RepositoryRef, ref: string) {
      const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: ref, recursive: "1" });
      return data.tree.flatMap((item) => (item.type === "blob" && item.path ? [item.path] : []));
    },
    async changedFiles(repo: RepositoryRef, pullNumber: number) {
      // GitHub lists at most 3,000 files of a pull request, 100 a page.
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
        ...repo,
        pull_number: pullNumber,
        per_page: 100,
      });
      return files.flatMap((file) =>
        file.previous_filename ? [file.filename, file.previous_filename] : [file.filename],
      );
    },
    async defaultBranchHead(repo: RepositoryRef) {
      const { data } = await octokit.rest.repos.get({ ...repo });
      const head = await octokit.rest.repos.getBranch({ ...repo, branch: data.default_branch });
      return head.data.commit.sha;
    },
  };
}
