/**
 * A JUnit report that cannot be read: malformed XML, not JUnit, refused (DOCTYPE) or over
 * a limit. The message reads `file:line:col reason`, the form every CLI command prints.
 */
export class JunitParseError extends Error {
  override readonly name = "JunitParseError";

  constructor(
    readonly file: string,
    /** 1-based. */
    readonly line: number,
    /** 1-based. */
    readonly column: number,
    /** What is wrong, without the location. */
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column} ${reason}`);
  }
}
