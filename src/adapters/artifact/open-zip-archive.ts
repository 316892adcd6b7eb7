import yauzl from "yauzl";
import type { Entry, ZipFile } from "yauzl";
import type { Readable } from "node:stream";
import {
  ArtifactRejectedError,
  type ArchiveEntry,
  type ArtifactArchive,
  type RejectedEntry,
} from "../../ports/artifact-archive.js";
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from "./archive-limits.js";

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Opens a zip file (a downloaded results artifact) as untrusted input. Entries are never
 * written to disk: they are streamed to the caller, counting the bytes actually inflated
 * against the caps (a zip bomb's headers lie; its data cannot). Unsafe names (absolute,
 * `..`, backslashes) make yauzl refuse the archive; symlinks and encrypted entries are
 * listed as rejected and cannot be read.
 */
export async function openZipArchive(
  path: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ArtifactArchive> {
  const zip = await openZip(path);
  try {
    const { entries, rejected, byName } = await listEntries(zip, limits);
    let totalRead = 0;
    return {
      entries,
      rejected,
      read(name: string): AsyncIterable<Uint8Array> {
        const entry = byName.get(name);
        if (!entry) throw new ArtifactRejectedError(`the artifact has no readable entry "${name}"`);
        return (async function* () {
          const stream = await openEntry(zip, entry);
          let entryRead = 0;
          try {
            for await (const chunk of stream as AsyncIterable<Buffer>) {
              entryRead += chunk.length;
              totalRead += chunk.length;
              if (entryRead > limits.maxEntryBytes) {
                throw new ArtifactRejectedError(
                  `entry "${name}" inflates past ${limits.maxEntryBytes} bytes; keep each report under that size`,
                );
              }
              if (totalRead > limits.maxTotalBytes) {
                throw new ArtifactRejectedError(
                  `the artifact inflates past ${limits.maxTotalBytes} bytes in all; upload fewer or smaller reports`,
                );
              }
              yield chunk;
            }
          } catch (error) {
            if (error instanceof ArtifactRejectedError) throw error;
            throw new ArtifactRejectedError(`entry "${name}" cannot be read: ${(error as Error).message}`);
          } finally {
            stream.destroy();
          }
        })();
      },
      close: async () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: true,
        validateEntrySizes: true,
        strictFileNames: true,
      },
      (error, zip) => {
        if (error || !zip)
          reject(new ArtifactRejectedError(`the artifact is not a readable zip file: ${error?.message}`));
        else resolve(zip);
      },
    );
  });
}

function listEntries(
  zip: ZipFile,
  limits: ArchiveLimits,
): Promise<{ entries: ArchiveEntry[]; rejected: RejectedEntry[]; byName: Map<string, Entry> }> {
  if (zip.entryCount > limits.maxEntries) {
    return Promise.reject(
      new ArtifactRejectedError(
        `the artifact holds ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed`,
      ),
    );
  }
  const entries: ArchiveEntry[] = [];
  const rejected: RejectedEntry[] = [];
  const byName = new Map<string, Entry>();
  return new Promise((resolve, reject) => {
    zip.on("error", (error: Error) =>
      reject(new ArtifactRejectedError(`the artifact is refused: ${error.message}`)),
    );
    zip.on("end", () => resolve({ entries, rejected, byName }));
    zip.on("entry", (entry: Entry) => {
      const name = entry.fileName;
      const reason = rejectionReason(entry, limits);
      if (name.endsWith("/")) {
        // a directory: nothing to read
      } else if (reason) {
        rejected.push({ name, reason });
      } else if (byName.has(name)) {
        rejected.push({ name, reason: "a second entry with the same name" });
      } else {
        byName.set(name, entry);
        entries.push({ name, size: entry.uncompressedSize });
      }
      zip.readEntry();
    });
    zip.readEntry();
  });
}

function rejectionReason(entry: Entry, limits: ArchiveLimits): string | undefined {
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) return "a symbolic link";
  if (entry.isEncrypted()) return "encrypted";
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    return `declares ${entry.uncompressedSize} bytes, more than the ${limits.maxEntryBytes} allowed per entry`;
  }
  return undefined;
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream)
        reject(new ArtifactRejectedError(`entry "${entry.fileName}" cannot be opened: ${error?.message}`));
      else resolve(stream);
    });
  });
}
