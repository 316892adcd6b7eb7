/**
 * Reads at most `maxBytes` of a stream as UTF-8 text. The parsers refuse files over their
 * own limit, so reading one byte past it is enough to let them say so, and a huge file is
 * never loaded whole.
 */
export async function readText(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const part = Buffer.from(chunk).subarray(0, maxBytes - size);
    parts.push(part);
    size += part.length;
    if (size >= maxBytes) break;
  }
  return Buffer.concat(parts).toString("utf8");
}
