import yazl from "yazl";

export interface ZipItem {
  readonly name: string;
  readonly data: string | Buffer;
  /** Unix mode, e.g. 0o120777 for a symlink. */
  readonly mode?: number;
  readonly compress?: boolean;
}

/** Builds a zip in memory with yazl (a real zip writer), for artifact tests. */
export function makeZip(items: readonly ZipItem[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const item of items) {
    const data = typeof item.data === "string" ? Buffer.from(item.data) : item.data;
    zip.addBuffer(data, item.name, {
      ...(item.mode === undefined ? {} : { mode: item.mode }),
      compress: item.compress ?? true,
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** Replaces every occurrence of a name in the zip's bytes (local header and central directory) with another of the same length. */
export function renameInZip(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error("names must have the same length");
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  let at = out.indexOf(needle);
  while (at !== -1) {
    Buffer.from(to).copy(out, at);
    at = out.indexOf(needle, at + needle.length);
  }
  return out;
}

/**
 * Sets the "encrypted" flag (general purpose bit 0) of the entry `name`, in its local header and
 * its central directory record, as a zip tool that encrypts would. The data stays readable
 * bytes: only the flag matters to the reader under test.
 */
export function markEncrypted(zip: Buffer, name: string): Buffer {
  const out = Buffer.from(zip);
  const headers = [
    { signature: 0x04034b50, flags: 6, nameLength: 26, name: 30 },
    { signature: 0x02014b50, flags: 8, nameLength: 28, name: 46 },
  ];
  let marked = 0;
  for (let at = 0; at + 46 <= out.length; at++) {
    for (const h of headers) {
      if (out.readUInt32LE(at) !== h.signature) continue;
      const length = out.readUInt16LE(at + h.nameLength);
      if (out.toString("utf8", at + h.name, at + h.name + length) !== name) continue;
      out.writeUInt16LE(out.readUInt16LE(at + h.flags) | 1, at + h.flags);
      marked++;
    }
  }
  if (marked !== 2) throw new Error(`entry ${name} not found in both headers of the zip`);
  return out;
}
