import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openZipArchive } from "../../../src/adapters/artifact/open-zip-archive.js";
import { DEFAULT_ARCHIVE_LIMITS } from "../../../src/adapters/artifact/archive-limits.js";
import { ArtifactRejectedError, type ArtifactArchive } from "../../../src/ports/artifact-archive.js";
import { makeZip, markEncrypted, renameInZip } from "../../helpers/make-zip.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sofie-zip-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
async function zipFile(bytes: Buffer): Promise<string> {
  const path = join(dir, `a${counter++}.zip`);
  await writeFile(path, bytes);
  return path;
}

async function readAll(archive: ArtifactArchive, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of archive.read(name)) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

describe("openZipArchive", () => {
  it("lists files and streams their content", async () => {
    const path = await zipFile(
      await makeZip([
        { name: "reports/a.xml", data: "<testsuite/>" },
        { name: "images.json", data: "{}" },
      ]),
    );
    const archive = await openZipArchive(path);
    expect(archive.entries.map((e) => e.name)).toEqual(["reports/a.xml", "images.json"]);
    expect(await readAll(archive, "reports/a.xml")).toBe("<testsuite/>");
    await archive.close();
  });

  it("lists a symbolic link as rejected and will not read it", async () => {
    const path = await zipFile(
      await makeZip([
        { name: "reports/link.xml", data: "/etc/passwd", mode: 0o120777 },
        { name: "reports/ok.xml", data: "<testsuite/>" },
      ]),
    );
    const archive = await openZipArchive(path);
    expect(archive.entries.map((e) => e.name)).toEqual(["reports/ok.xml"]);
    expect(archive.rejected).toEqual([{ name: "reports/link.xml", reason: "a symbolic link" }]);
    expect(() => archive.read("reports/link.xml")).toThrow(ArtifactRejectedError);
    await archive.close();
  });

  it("lists an encrypted entry as rejected and will not read it", async () => {
    const zip = await makeZip([
      { name: "reports/secret.xml", data: "<testsuite/>" },
      { name: "reports/ok.xml", data: "<testsuite/>" },
    ]);
    const archive = await openZipArchive(await zipFile(markEncrypted(zip, "reports/secret.xml")));
    expect(archive.entries.map((e) => e.name)).toEqual(["reports/ok.xml"]);
    expect(archive.rejected).toEqual([{ name: "reports/secret.xml", reason: "encrypted" }]);
    expect(() => archive.read("reports/secret.xml")).toThrow(ArtifactRejectedError);
    await archive.close();
  });

  it("refuses an archive with a path that climbs out of the target", async () => {
    const good = await makeZip([{ name: "aa/aa/evil.xml", data: "<testsuite/>" }]);
    const path = await zipFile(renameInZip(good, "aa/aa/evil.xml", "../../evil.xml"));
    await expect(openZipArchive(path)).rejects.toThrow(
      /refused: invalid relative path: \.\.\/\.\.\/evil\.xml/,
    );
  });

  it("refuses an absolute path", async () => {
    const good = await makeZip([{ name: "etc/passwd", data: "x" }]);
    const path = await zipFile(renameInZip(good, "etc/passwd", "/tc/passwd"));
    await expect(openZipArchive(path)).rejects.toThrow(ArtifactRejectedError);
  });

  it("rejects an entry that declares more than the per-entry cap (a zip bomb)", async () => {
    const path = await zipFile(await makeZip([{ name: "bomb.xml", data: Buffer.alloc(20 * 1024 * 1024) }]));
    const archive = await openZipArchive(path, { ...DEFAULT_ARCHIVE_LIMITS, maxEntryBytes: 1024 * 1024 });
    expect(archive.entries).toEqual([]);
    expect(archive.rejected[0]?.reason).toMatch(/declares 20971520 bytes, more than the 1048576 allowed/);
    await archive.close();
  });

  it("stops reading when an entry inflates past what its header declared", async () => {
    const honest = await makeZip([{ name: "liar.xml", data: Buffer.alloc(4 * 1024 * 1024, 0x41) }]);
    // Patch the central directory's uncompressed size (offset 24 in the record) to claim 100 bytes.
    const cd = honest.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const lying = Buffer.from(honest);
    lying.writeUInt32LE(100, cd + 24);
    const archive = await openZipArchive(await zipFile(lying));
    await expect(readAll(archive, "liar.xml")).rejects.toThrow(ArtifactRejectedError);
    await archive.close();
  });

  it("stops reading when the whole archive inflates past the total cap", async () => {
    const items = [0, 1, 2].map((i) => ({ name: `r${i}.xml`, data: Buffer.alloc(600 * 1024, 0x41) }));
    const archive = await openZipArchive(await zipFile(await makeZip(items)), {
      ...DEFAULT_ARCHIVE_LIMITS,
      maxTotalBytes: 1024 * 1024,
    });
    await readAll(archive, "r0.xml");
    await expect(readAll(archive, "r1.xml")).rejects.toThrow(/inflates past 1048576 bytes in all/);
    await archive.close();
  });

  it("refuses an archive with too many entries", async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({ name: `r${i}.xml`, data: "x" }));
    await expect(
      openZipArchive(await zipFile(await makeZip(items)), { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 10 }),
    ).rejects.toThrow(/holds 20 entries, more than the 10 allowed/);
  });

  it("refuses bytes that are not a zip", async () => {
    await expect(openZipArchive(await zipFile(Buffer.from("not a zip at all, just text")))).rejects.toThrow(
      /not a readable zip file/,
    );
  });
});
