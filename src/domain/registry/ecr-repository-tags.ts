import { BOT_ACTOR } from "../names.js";
/** What a repository is for: the GitHub repository, the pilot and the component. */
export interface RepositoryOwner {
  /** `owner/name` of the component's GitHub repository. */
  readonly repository: string;
  readonly pilot: string;
  readonly component: string;
}

// ECR tag values: up to 256 characters of letters, digits, spaces and _ . : / = + - @.
const UNSAFE = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;
const MAX_VALUE = 256;

/**
 * The tags the bot puts on the repositories it creates: `Repository`, `Pilot`, `Component` and
 * `ManagedBy: sofie-integration-bot`, for cost allocation and for "who made this?" in the AWS
 * console. Characters ECR does not accept in a tag value become `_`; values are cut to 256.
 */
export function ecrRepositoryTags(owner: RepositoryOwner): Record<string, string> {
  const value = (text: string) => text.replace(UNSAFE, "_").slice(0, MAX_VALUE);
  return {
    Component: value(owner.component),
    ManagedBy: BOT_ACTOR,
    Pilot: value(owner.pilot),
    Repository: value(owner.repository),
  };
}
