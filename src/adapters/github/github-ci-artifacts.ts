import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { ArtifactRejectedError, type ArtifactArchive } from "../../ports/artifact-archive.js";
import type { ArtifactInfo, CiArtifacts } from "../../ports/ci-artifacts.js";
import type { RepositoryRef } from "../../ports/repository-ref.js";
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from "../artifact/archive-limits.js";
import { openZipArchive } from "../artifact/open-zip-archive.js";
import type { Octokit } from "./octokit.js";

/**
 * GitHub Actions artifacts. The download goes through the API's base URL (so GitHub
 * Enterprise Server works), is streamed to a private temporary file under a byte cap, and
 * is opened as untrusted input; closing the archive deletes the file.
 */
export function createGitHubCiArtifacts(
  octokit: Octokit,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): CiArtifacts {
  return {
    async findRunArtifact(repo: RepositoryRef, runId: number, name: string) {
      const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({
        ...repo,
        run_id: runId,
        name,
        per_page: 100,
      });
      const found = data.artifacts
        .filter((artifact) => artifact.name === name)
        .sort((a, b) => b.id - a.id)[0];
      return found
        ? { id: found.id, name: found.name, sizeInBytes: found.size_in_bytes, expired: found.expired }
        : undefined;
    },

    async openArtifact(repo: RepositoryRef, artifact: ArtifactInfo): Promise<ArtifactArchive> {
      if (artifact.sizeInBytes > limits.maxDownloadBytes) {
        throw new ArtifactRejectedError(
          `artifact "${artifact.name}" is ${artifact.sizeInBytes} bytes, more than the ${limits.maxDownloadBytes} allowed`,
        );
      }
      const dir = await mkdtemp(join(tmpdir(), "sofie-artifact-"));
      const file = join(dir, "artifact.zip");
      try {
        const response = await octokit.rest.actions.downloadArtifact({
          ...repo,
          artifact_id: artifact.id,
          archive_format: "zip",
          request: { parseSuccessResponseBody: false },
        });
        const body = response.data as unknown as WebReadableStream<Uint8Array> | null;
        if (!body) throw new ArtifactRejectedError(`artifact "${artifact.name}" downloaded empty`);
        await pipeline(
          Readable.fromWeb(body),
          capBytes(limits.maxDownloadBytes, artifact.name),
          createWriteStream(file, { mode: 0o600 }),
        );
        const archive = await openZipArchive(file, limits);
        return {
          ...archive,
          close: async () => {
            await archive.close();
            await rm(dir, { recursive: true, force: true });
          },
        };
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    },
  };
}

function capBytes(max: number, name: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > max) callback(new ArtifactRejectedError(`artifact "${name}" downloads past ${max} bytes`));
      else callback(null, chunk);
    },
  });
}
