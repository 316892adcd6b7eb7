import {
  NotPermittedError,
  type IssueSummary,
  type IssueTracker,
  type TopicStore,
} from "../../ports/issue-tracker.js";
import { hasStatus, type Octokit } from "./octokit.js";

interface RawIssue {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  labels: ReadonlyArray<string | { name?: string }>;
  pull_request?: unknown;
}

function toSummary(issue: RawIssue): IssueSummary {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    state: issue.state === "open" ? "open" : "closed",
    labels: issue.labels.flatMap((label) =>
      typeof label === "string" ? [label] : label.name ? [label.name] : [],
    ),
  };
}

/** Issues, labels, comments and reactions through GitHub's REST API. */
export function createGitHubIssueTracker(octokit: Octokit): IssueTracker {
  return {
    async findIssuesWithLabel(repo, label) {
      const { data } = await octokit.rest.issues.listForRepo({
        ...repo,
        labels: label,
        state: "all",
        per_page: 20,
      });
      return data.filter((issue) => !issue.pull_request).map(toSummary);
    },
    async getIssue(repo, number) {
      try {
        const { data } = await octokit.rest.issues.get({ ...repo, issue_number: number });
        return data.pull_request ? undefined : toSummary(data);
      } catch (error) {
        if (hasStatus(error, 404) || hasStatus(error, 410)) return undefined;
        throw error;
      }
    },
    async createIssue(repo, input) {
      const { data } = await octokit.rest.issues.create({ ...repo, ...input, labels: [...input.labels] });
      return data.number;
    },
    async updateIssue(repo, number, input) {
      await octokit.rest.issues.update({
        ...repo,
        issue_number: number,
        ...input,
        labels: [...input.labels],
      });
    },
    async ensureLabel(repo, label) {
      try {
        const { data } = await octokit.rest.issues.getLabel({ ...repo, name: label.name });
        if (data.color !== label.color || data.description !== label.description) {
          await octokit.rest.issues.updateLabel({
            ...repo,
            name: label.name,
            color: label.color,
            description: label.description,
          });
        }
      } catch (error) {
        if (!hasStatus(error, 404)) throw error;
        await octokit.rest.issues.createLabel({ ...repo, ...label });
      }
    },
    async comment(repo, issueNumber, body) {
      const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
      return data.id;
    },
    async updateComment(repo, commentId, body) {
      await octokit.rest.issues.updateComment({ ...repo, comment_id: commentId, body });
    },
    async react(repo, commentId, content) {
      await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
    },
  };
}

/** Repository topics through GitHub's REST API. */
export function createGitHubTopicStore(octokit: Octokit): TopicStore {
  return {
    async getTopics(repo) {
      const { data } = await octokit.rest.repos.getAllTopics({ ...repo });
      return data.names;
    },
    async setTopics(repo, names) {
      try {
        await octokit.rest.repos.replaceAllTopics({ ...repo, names: [...names] });
      } catch (error) {
        if (hasStatus(error, 403)) {
          throw new NotPermittedError(
            "GitHub refused to set topics: the app needs the administration permission",
          );
        }
        throw error;
      }
    },
  };
}
