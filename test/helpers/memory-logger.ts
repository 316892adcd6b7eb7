import { Writable } from "node:stream";
import { pino, type Logger } from "pino";

/** Probot's real logger (pino, as `probot.log` is) writing JSON lines to memory. */
export interface MemoryLogger {
  readonly log: Logger;
  /** Every line written so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  text(): string;
}

export function memoryLogger(level = "debug"): MemoryLogger {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const log = pino({ level, name: "probot" }, stream);
  return {
    log,
    text: () => text,
    lines: () =>
      text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
