/**
 * GitHub's limits the bot writes within, and the bot's own caps on what it sends, each defined
 * here once (`test/unit/repo/defined-once.test.ts` fails when one is spelled out elsewhere in `src/`).
 */

/**
 * Most characters GitHub takes in one text field: a check run's `output.summary` and
 * `output.text`, an issue body, a comment body.
 */
export const GITHUB_TEXT_LIMIT = 65_535;

/** Most annotations one create or update request of a check run carries; more go in further requests. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Most characters of an annotation's `title`. */
export const ANNOTATION_TITLE_LIMIT = 255;
/** Most bytes (UTF-8) of an annotation's `message` and `raw_details`. */
export const ANNOTATION_TEXT_BYTES = 64 * 1024;
/**
 * Most annotations the bot puts on one check run (20 requests of 50): past that, each costs a
 * request for little help, and the summary still lists what was left out.
 */
export const MAX_ANNOTATIONS = 1000;

/** The highest TCP/UDP port number. */
export const MAX_PORT = 65_535;
