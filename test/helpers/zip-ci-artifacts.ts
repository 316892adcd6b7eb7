import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openZipArchive } from "../../src/adapters/artifact/open-zip-archive.js";
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from "../../src/adapters/artifact/archive-limits.js";
import type { ArtifactArchive } from "../../src/ports/artifact-archive.js";
import type { ArtifactInfo, CiArtifacts } from "../../src/ports/ci-artifacts.js";

/**
 * A workflow run's artifact that is a real zip (made with `makeZip`), opened by the real
 * adapter: what a use case sees of a hostile artifact, without the download. The zip is written
 * to a temporary folder, removed when the archive is closed.
 */
export class ZipCiArtifacts implements CiArtifacts {
  constructor(
    readonly zip: Buffer,
    readonly limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
    readonly name = "sofie-results",
  ) {}
  async findRunArtifact(_repo: unknown, _runId: number, name: string): Promise<ArtifactInfo | undefined> {
    return name === this.name ? { id: 1, name, sizeInBytes: this.zip.length, expired: false } : undefined;
  }
  async openArtifact(): Promise<ArtifactArchive> {
    const dir = await mkdtemp(join(tmpdir(), "sofie-zip-artifact-"));
    const path = join(dir, "artifact.zip");
    await writeFile(path, this.zip);
    const archive = await openZipArchive(path, this.limits).catch(async (error: unknown) => {
      await rm(dir, { recursive: true, force: true });
      throw error;
    });
    return {
      ...archive,
      read: (name: string) => archive.read(name),
      close: async () => {
        await archive.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}
