import type { RepositoryRef } from "./repository-ref.js";

export interface IssueSummary {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  readonly state: "open" | "closed";
}

export interface LabelSpec {
  readonly name: string;
  readonly color: string;
  readonly description: string;
}

/** Issues, labels, comments and reactions (GitHub Issues API). */
export interface IssueTracker {
  /** Open and closed issues carrying the label, newest first (at most 20). */
  findIssuesWithLabel(repo: RepositoryRef, label: string): Promise<readonly IssueSummary[]>;
  getIssue(repo: RepositoryRef, number: number): Promise<IssueSummary | undefined>;
  createIssue(
    repo: RepositoryRef,
    input: { title: string; body: string; labels: readonly string[] },
  ): Promise<number>;
  updateIssue(
    repo: RepositoryRef,
    number: number,
    input: { title: string; body: string; labels: readonly string[]; state?: "open" },
  ): Promise<void>;
  /** Creates the label, or brings its colour and description in line. */
  ensureLabel(repo: RepositoryRef, label: LabelSpec): Promise<void>;
  comment(repo: RepositoryRef, issueNumber: number, body: string): Promise<number>;
  updateComment(repo: RepositoryRef, commentId: number, body: string): Promise<void>;
  react(
    repo: RepositoryRef,
    commentId: number,
    content: "eyes" | "+1" | "-1" | "confused" | "rocket",
  ): Promise<void>;
}

/** Repository topics. */
export interface TopicStore {
  getTopics(repo: RepositoryRef): Promise<readonly string[]>;
  setTopics(repo: RepositoryRef, names: readonly string[]): Promise<void>;
}

/** The installation lacks a permission for this (e.g. `administration` for topics). */
export class NotPermittedError extends Error {
  override name = "NotPermittedError";
}
