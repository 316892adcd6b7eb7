/** GitHub's rule for a repository topic: lowercase letters, digits and dashes, 1-50 characters. */
export const TOPIC_PATTERN = /^[a-z0-9][a-z0-9-]{0,49}$/;

/** GitHub allows at most this many topics on a repository. */
export const MAX_TOPICS = 20;

/** Default topic prefix (SPEC: `sofie-level-N`). */
export const DEFAULT_TOPIC_PREFIX = "sofie-level-";

/**
 * The repository topic for a level: `sofie-level-2`. The prefix is lowercased, as GitHub
 * would; whether the result is a valid topic is checked by `replaceLevelTopic`.
 */
export function levelTopic(level: number, prefix: string = DEFAULT_TOPIC_PREFIX): string {
  return `${prefix.toLowerCase()}${level}`;
}
