import { DEFAULT_TOPIC_PREFIX, MAX_TOPICS, TOPIC_PATTERN, levelTopic } from "./level-topic.js";

export interface TopicChange {
  /** The topics to set (unchanged from `existing` when refused). */
  readonly topics: readonly string[];
  /** True when `topics` differs from `existing` and a write is needed. */
  readonly changed: boolean;
  /** Why the level topic was not set, when it was not. */
  readonly refused?: string;
}

/**
 * Sets the level topic on a repository's topic list: removes our other level topics
 * (`<prefix><digits>` only, so a `sofie-level-docs` topic of the repository's own is kept),
 * keeps every other topic in order, and adds ours at the end.
 *
 * When the repository already has GitHub's maximum of 20 topics of its own, it refuses and
 * says why rather than dropping a topic someone chose. An invalid topic (a policy prefix with characters GitHub
 * does not allow, or a topic over 50 characters) is refused too.
 */
export function replaceLevelTopic(
  existing: readonly string[],
  level: number,
  prefix: string = DEFAULT_TOPIC_PREFIX,
): TopicChange {
  const ours = levelTopic(level, prefix);
  const unchanged = { topics: [...existing], changed: false };
  if (!Number.isSafeInteger(level) || level < 0)
    return { ...unchanged, refused: `level ${level} is not a level: expected a whole number from 0` };
  if (!TOPIC_PATTERN.test(ours))
    return {
      ...unchanged,
      refused: `"${ours}" is not a valid GitHub topic (lowercase letters, digits and dashes, at most 50 characters): fix the topic prefix in the policy`,
    };
  const lowerPrefix = prefix.toLowerCase();
  const isLevelTopic = (topic: string): boolean =>
    topic.startsWith(lowerPrefix) && /^\d+$/.test(topic.slice(lowerPrefix.length));
  const kept: string[] = [];
  for (const topic of existing) if (!isLevelTopic(topic) && !kept.includes(topic)) kept.push(topic);
  if (kept.length >= MAX_TOPICS)
    return {
      ...unchanged,
      refused: `the repository already has ${kept.length} topics, GitHub's maximum is ${MAX_TOPICS}: remove one to let the bot add ${ours}`,
    };
  const topics = [...kept, ours];
  const changed = topics.length !== existing.length || topics.some((t) => !existing.includes(t));
  return { topics: changed ? topics : [...existing], changed };
}
