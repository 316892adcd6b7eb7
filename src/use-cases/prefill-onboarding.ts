import {
  detectRepository,
  FILES_TO_READ,
  renderCiWorkflow,
  renderManifest,
  type RepoFacts,
} from "../domain/onboarding/index.js";
import { MANIFEST_PATH, WORKFLOW_PATH } from "../domain/names.js";

/** A repository's default branch as onboarding reads it: on GitHub at a commit, or a local checkout. */
export interface OnboardingSource {
  /** Every file path of the tree. */
  listPaths(): Promise<readonly string[]>;
  /** A file's text, or undefined when it cannot be read. */
  readFile(path: string): Promise<string | undefined>;
}

/** What the onboarding pull request adds, and the facts it was prefilled from. */
export interface OnboardingFiles {
  readonly facts: RepoFacts;
  /** Path → text: the manifest ({@link MANIFEST_PATH}) and the CI workflow ({@link WORKFLOW_PATH}). */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * The files onboarding adds to a repository, prefilled from what it holds: the pull request
 * the app opens and `sofie-bot init` both write exactly these, so a local preview never
 * differs from the pull request. Reads the tree, then the few files {@link FILES_TO_READ} names.
 */
export async function prefillOnboarding(
  source: OnboardingSource,
  repository: { readonly owner: string; readonly repo: string; readonly defaultBranch: string },
): Promise<OnboardingFiles> {
  const paths = await source.listPaths();
  const readText: Record<string, string> = {};
  for (const path of FILES_TO_READ(paths)) {
    const text = await source.readFile(path);
    if (text !== undefined) readText[path] = text;
  }
  const facts = detectRepository({
    files: paths,
    readText,
    defaultBranch: repository.defaultBranch,
    repoName: repository.repo,
    org: repository.owner,
  });
  return {
    facts,
    files: { [MANIFEST_PATH]: renderManifest(facts), [WORKFLOW_PATH]: renderCiWorkflow(facts) },
  };
}
