import { COMMANDS } from "../domain/commands/commands.js";
import type { MaturityEvaluation } from "../domain/maturity/maturity-evaluation.js";
import { levelLabel } from "../domain/render/level-label.js";
import { readMarker } from "../domain/render/marker.js";
import { renderMaturityCheck } from "../domain/render/render-maturity-check.js";
import { renderStatusIssue, STATUS_ISSUE_MARKER } from "../domain/render/render-status-issue.js";
import { replaceLevelTopic } from "../domain/render/replace-level-topic.js";
import { contentHash } from "../domain/content-hash.js";
import { CHECK_RUN_EXTERNAL_ID } from "../domain/names.js";
import { toAnnotation } from "../domain/render/to-annotation.js";
import type { CheckRuns } from "../ports/check-runs.js";
import { NotPermittedError, type IssueTracker, type TopicStore } from "../ports/issue-tracker.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { Problem } from "../domain/problem.js";
import { publishCheckRun } from "./publish-check-run.js";

/** The label every status issue carries, so it can be found again. */
export const STATUS_LABEL = {
  name: "sofie-status",
  color: "5319e7",
  description: "SOFIE integration status of this component",
};

/** What was last written for a component; kept in the store so unchanged outputs cost no request. */
export interface LevelOutputsState {
  readonly topic?: string;
  readonly statusIssue?: number;
  readonly statusHash?: string;
  readonly maturityCheck?: { readonly sha: string; readonly hash: string };
  readonly labels?: readonly string[];
}

export interface LevelOutputsDeps {
  readonly issues: IssueTracker;
  readonly topics: TopicStore;
  readonly checks: CheckRuns;
  readonly log: { warn(obj: object, msg: string): void };
}

export interface LevelOutputsInput {
  readonly evaluation: MaturityEvaluation;
  readonly component?: string;
  /** Head of the watched branch: where the maturity check run goes. */
  readonly headSha?: string;
  readonly maturityCheckName: string;
  readonly topicPrefix: string;
  /** Findings to annotate on the maturity check (the Dockerfile check's, at their lines). */
  readonly findings?: readonly Problem[];
}

/**
 * Shows a component's level where people look: the maturity check run on the watched
 * branch's head, the repository topic, the status issue and its level label. Each is
 * written only when it changes, judged by `state` (what was last written), which is
 * returned updated.
 */
export async function writeLevelOutputs(
  deps: LevelOutputsDeps,
  repo: RepositoryRef,
  input: LevelOutputsInput,
  state: LevelOutputsState,
): Promise<LevelOutputsState> {
  const { evaluation } = input;
  let next: LevelOutputsState = state;

  if (input.headSha) {
    const check = renderMaturityCheck(evaluation);
    const annotations = (input.findings ?? []).map(toAnnotation);
    const hash = contentHash(check.conclusion, check.title, check.summary, JSON.stringify(annotations));
    if (state.maturityCheck?.sha !== input.headSha || state.maturityCheck.hash !== hash) {
      await publishCheckRun(
        deps.checks,
        repo,
        {
          name: input.maturityCheckName,
          headSha: input.headSha,
          externalId: CHECK_RUN_EXTERNAL_ID.maturity(input.headSha),
        },
        { title: check.title, summary: check.summary, conclusion: check.conclusion, annotations },
      );
      next = { ...next, maturityCheck: { sha: input.headSha, hash } };
    }
  }

  const label = levelLabel(evaluation.level, evaluation.levelName);
  const topic = label.name.replace(/^sofie-level-/, input.topicPrefix);
  if (state.topic !== topic) {
    const current = await deps.topics.getTopics(repo);
    const replaced = replaceLevelTopic(current, evaluation.level, input.topicPrefix);
    if (replaced.refused) {
      deps.log.warn({ repo, reason: replaced.refused }, "level topic not set");
    } else {
      try {
        if (replaced.changed) await deps.topics.setTopics(repo, replaced.topics);
        next = { ...next, topic };
      } catch (error) {
        if (!(error instanceof NotPermittedError)) throw error;
        deps.log.warn({ repo, reason: error.message }, "level topic not set");
      }
    }
  }

  const wanted = [STATUS_LABEL.name, label.name];
  if (wanted.some((name) => !state.labels?.includes(name))) {
    await deps.issues.ensureLabel(repo, STATUS_LABEL);
    await deps.issues.ensureLabel(repo, label);
    next = { ...next, labels: wanted };
  }

  const issue = renderStatusIssue({
    repoFullName: `${repo.owner}/${repo.repo}`,
    ...(input.component ? { component: input.component } : {}),
    evaluation,
    commands: COMMANDS,
  });
  if (state.statusHash !== issue.hash || state.statusIssue === undefined) {
    const number = state.statusIssue ?? (await findStatusIssue(deps.issues, repo));
    const existing = number === undefined ? undefined : await deps.issues.getIssue(repo, number);
    const keep = (existing?.labels ?? []).filter(
      (name) => !/^sofie-level-\d+$/.test(name) && !wanted.includes(name),
    );
    const labels = [...keep, ...wanted];
    if (!existing) {
      const created = await deps.issues.createIssue(repo, { title: issue.title, body: issue.body, labels });
      next = { ...next, statusIssue: created, statusHash: issue.hash };
    } else {
      if (
        readMarker(existing.body, "hash") !== issue.hash ||
        existing.title !== issue.title ||
        keep.length + wanted.length !== existing.labels.length ||
        !wanted.every((w) => existing.labels.includes(w))
      ) {
        await deps.issues.updateIssue(repo, existing.number, {
          title: issue.title,
          body: issue.body,
          labels,
        });
      }
      next = { ...next, statusIssue: existing.number, statusHash: issue.hash };
    }
  }
  return next;
}

async function findStatusIssue(issues: IssueTracker, repo: RepositoryRef): Promise<number | undefined> {
  const candidates = await issues.findIssuesWithLabel(repo, STATUS_LABEL.name);
  return candidates.find((candidate) => readMarker(candidate.body, STATUS_ISSUE_MARKER) !== undefined)
    ?.number;
}
