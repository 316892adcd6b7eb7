import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import type { Ladder } from "../domain/maturity/ladder.js";
import type { RepositoryRef } from "../ports/repository-ref.js";
import type { SourceReader } from "../ports/source-reader.js";
import { readComponent } from "./read-component.js";
import { refreshComponent, type RefreshDeps, type RefreshResult } from "./refresh-component.js";

export interface PushEvent {
  readonly repo: RepositoryRef;
  readonly installationId: number;
  readonly branch: string;
  readonly defaultBranch: string | undefined;
  /** The commit the branch points to now. */
  readonly after: string;
  readonly at: string;
  readonly ladder: Ladder;
}

export interface RecordPushDeps extends RefreshDeps {
  readonly source: SourceReader;
}

/**
 * A push becomes evidence: the manifest as the default branch has it, and, for a push to
 * the watched branch (the manifest's `branch`), the push itself and the Dockerfile check at
 * its head. Pushes to other branches, and repositories the bot knows nothing of, record
 * nothing.
 */
export async function recordPush(deps: RecordPushDeps, event: PushEvent): Promise<RefreshResult | undefined> {
  const { repo, branch, defaultBranch } = event;
  const known = await deps.components.get(`${repo.owner}/${repo.repo}`);
  const onDefault = await readComponent(
    deps.source,
    repo,
    branch === defaultBranch ? event.after : (defaultBranch ?? "HEAD"),
  );
  if (!onDefault.manifestEvidence && !known) return undefined; // not onboarded: nothing to say
  const watched = onDefault.manifest?.branch;
  if (branch !== defaultBranch && branch !== watched) return undefined;

  const patch: { -readonly [K in keyof ComponentEvidence]: ComponentEvidence[K] } = {};
  if (onDefault.manifestEvidence) patch.manifest = onDefault.manifestEvidence;
  if (!(known?.evidence as ComponentEvidence | undefined)?.installation)
    patch.installation = { contentsAccess: "read" };
  if (onDefault.manifest && branch === watched) {
    const atHead = branch === defaultBranch ? onDefault : await readComponent(deps.source, repo, event.after);
    patch.push = { sha: event.after, at: event.at, branch };
    patch.dockerfile = { sha: event.after, findings: atHead.dockerfileFindings ?? [] };
  }
  return refreshComponent(deps, repo, patch, { installationId: event.installationId, ladder: event.ladder });
}
