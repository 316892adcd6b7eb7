import { readFileSync } from "node:fs";
import { parseJunit, type ParseJunitOptions } from "../../src/domain/junit/parse-junit.js";
import { JunitParseError } from "../../src/domain/junit/junit-parse-error.js";
import type { TestReport } from "../../src/domain/junit/test-results.js";

export const FIXTURES = new URL("../fixtures/junit/", import.meta.url);

export function fixtureBytes(path: string): Uint8Array {
  return readFileSync(new URL(path, FIXTURES));
}

/** Bytes cut into chunks of `size` (to exercise every chunk boundary the parser must survive). */
export function* chunked(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

export function parseBytes(
  bytes: Uint8Array | string,
  options: Partial<ParseJunitOptions> = {},
  chunkSize = 1 << 16,
): Promise<TestReport> {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return parseJunit(chunked(data, chunkSize), { file: "r.xml", ...options });
}

/** The JunitParseError a parse throws (fails the test if it does not throw one). */
export async function parseError(
  bytes: Uint8Array | string,
  options: Partial<ParseJunitOptions> = {},
): Promise<JunitParseError> {
  try {
    await parseBytes(bytes, options);
  } catch (err) {
    if (err instanceof JunitParseError) return err;
    throw err;
  }
  throw new Error("expected a JunitParseError");
}
