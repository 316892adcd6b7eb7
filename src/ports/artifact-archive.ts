/** A file inside a results artifact that is safe to read. */
export interface ArchiveEntry {
  readonly name: string;
  /** Uncompressed size the archive declares (checked again while reading). */
  readonly size: number;
}

/** An entry the archive holds but that will not be read, and why. */
export interface RejectedEntry {
  readonly name: string;
  readonly reason: string;
}

/**
 * An opened results artifact. It is untrusted input: the adapter enforces caps on entry
 * count, entry size and total size while reading, and never writes entries to disk.
 */
export interface ArtifactArchive {
  readonly entries: readonly ArchiveEntry[];
  readonly rejected: readonly RejectedEntry[];
  /** Streams one entry's bytes; throws `ArtifactRejectedError` when a cap is passed. */
  read(name: string): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/** The artifact as a whole cannot be used (too big, not a zip, unsafe paths, a cap passed). */
export class ArtifactRejectedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "ArtifactRejectedError";
  }
}
