/** What a CLI command may do to the outside world; injected so commands are testable. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The bytes of a file, streamed; reading errors surface while iterating. */
  readonly readFile: (path: string) => AsyncIterable<Uint8Array>;
}

/** A CLI (sub)command: arguments in, exit code out. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Exit codes every command shares. */
export const EXIT = { ok: 0, usage: 1, input: 2 } as const;
