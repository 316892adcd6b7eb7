/** Caps applied to an untrusted results artifact. */
export interface ArchiveLimits {
  /** Largest download accepted, in bytes (compressed). */
  readonly maxDownloadBytes: number;
  /** Most entries in the archive. */
  readonly maxEntries: number;
  /** Largest single entry, uncompressed, in bytes. */
  readonly maxEntryBytes: number;
  /** Most uncompressed bytes read from the archive in all. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxDownloadBytes: 512 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
};
