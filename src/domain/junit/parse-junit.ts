import { DEFAULT_JUNIT_LIMITS, type JunitLimits } from "./junit-limits.js";
import { JunitStreamParser } from "./junit-stream-parser.js";
import type { TestReport } from "./test-results.js";
import { XmlDecoder } from "./xml-decoder.js";

/** Options of `parseJunit`. */
export interface ParseJunitOptions {
  /** How errors and the report name the input (a path in the artifact or on the command line). */
  readonly file: string;
  /** Overrides of `DEFAULT_JUNIT_LIMITS`. */
  readonly limits?: Partial<JunitLimits>;
  /**
   * Tolerate control characters in `system-out`/`system-err` (default true): that text is
   * discarded, and real reports are full of terminal colour codes. False checks it as
   * strictly as any text; tests compare the two.
   */
  readonly skipOutputFast?: boolean;
}

/**
 * Parses one JUnit XML report from its bytes, streamed chunk by chunk; the caller does the
 * reading. Memory stays bounded by the number of cases and the fault-text limit, not by the
 * report size or what one XML node holds: names are limited, kept texts cut while streaming.
 *
 * Reads every common dialect (Surefire, Gradle, jest-junit, pytest, CTest, ...): see docs/junit.md.
 *
 * @throws JunitParseError when the input is not well-formed XML, not a JUnit report, holds
 *   a DOCTYPE, or exceeds a limit; its message is `file:line:col reason`.
 */
export async function parseJunit(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ParseJunitOptions,
): Promise<TestReport> {
  const limits: JunitLimits = { ...DEFAULT_JUNIT_LIMITS, ...options.limits };
  const parser = new JunitStreamParser(options.file, limits, options.skipOutputFast === false);
  const decoder = new XmlDecoder(options.file);
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.byteLength;
    if (bytes > limits.maxBytes) parser.fail(`report larger than ${limits.maxBytes} bytes (limit maxBytes)`);
    const utf8 = decoder.push(chunk);
    if (utf8.byteLength > 0) parser.write(utf8);
  }
  const rest = decoder.end();
  if (rest.byteLength > 0) parser.write(rest);
  return parser.end(options.file);
}
