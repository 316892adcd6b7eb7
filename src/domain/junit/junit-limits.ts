/**
 * Hard limits that keep parsing a hostile or runaway report bounded in time and memory.
 * Exceeding `maxBytes`, `maxCases` or `maxDepth` is an error, and so is an element,
 * attribute or processing-instruction name longer than `maxNameLength`; longer values and
 * texts are cut. No limit depends on the report's size: a node is never held whole.
 */
export interface JunitLimits {
  /** Bytes read from the input before giving up. */
  readonly maxBytes: number;
  /** `<testcase>` elements in one report. */
  readonly maxCases: number;
  /** Element nesting depth (the root is depth 1). */
  readonly maxDepth: number;
  /** Names, classnames and file paths are cut at this many characters; longer XML names are an error. */
  readonly maxNameLength: number;
  /** Message and body of each failure or error are cut at this many characters each. */
  readonly maxFaultText: number;
  /** The skipped message is cut at this many characters. */
  readonly maxSkipMessage: number;
}

/** The defaults: far above real reports, low enough that the bot survives a bad one. */
export const DEFAULT_JUNIT_LIMITS: JunitLimits = {
  maxBytes: 1024 * 1024 * 1024,
  maxCases: 1_000_000,
  maxDepth: 64,
  maxNameLength: 1024,
  maxFaultText: 64 * 1024,
  maxSkipMessage: 1024,
};
