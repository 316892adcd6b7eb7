import { parseJunit, type ParseJunitOptions } from "./parse-junit.js";
import type { TestReport } from "./test-results.js";

/** `parseJunit` over a whole report already in memory (tests, small reports). */
export function parseJunitText(text: string | Uint8Array, options: ParseJunitOptions): Promise<TestReport> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return parseJunit([bytes], options);
}
