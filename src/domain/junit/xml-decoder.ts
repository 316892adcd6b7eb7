import { JunitParseError } from "./junit-parse-error.js";
import { OutputSkipper } from "./output-skipper.js";

/** How far into the file the XML declaration must have ended for us to read its encoding. */
const PROLOG_WINDOW = 1024;
const ENCODING_ATTR = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

/** The encoding of an XML document from its first bytes: BOM, then UTF-16 shape, then the prolog. */
function sniff(head: Uint8Array): { label: string; declared?: string } {
  const [b0, b1, b2] = head;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { label: "utf-8" };
  if (b0 === 0xff && b1 === 0xfe) return { label: "utf-16le" };
  if (b0 === 0xfe && b1 === 0xff) return { label: "utf-16be" };
  // `<?` without a BOM in either byte order (allowed by the XML spec's appendix F).
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f) return { label: "utf-16le" };
  if (b0 === 0x00 && b1 === 0x3c && head[3] === 0x3f) return { label: "utf-16be" };
  // ASCII-compatible: read the declaration, if any, as Latin-1 (every byte maps to a char).
  let prolog = "";
  for (let i = 0; i < head.length && i < PROLOG_WINDOW; i++) prolog += String.fromCharCode(head[i]!);
  const declared = ENCODING_ATTR.exec(prolog)?.[1];
  if (declared === undefined) return { label: "utf-8" };
  // A document read as single bytes cannot really be UTF-16: the declaration is wrong; read UTF-8.
  if (/^utf-?16/i.test(declared)) return { label: "utf-8", declared };
  return { label: declared, declared };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let size = 0;
  for (const part of parts) size += part.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/**
 * Streaming bytes-to-text for XML: waits for enough bytes to detect the encoding (BOM or
 * `encoding="..."`), then decodes chunk by chunk. Invalid byte sequences become U+FFFD
 * rather than an error, because real reports often carry a stray Latin-1 byte in a stack
 * trace while declaring UTF-8; the XML parser still rejects anything that is not XML.
 */
export class XmlDecoder {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private skipper: OutputSkipper | undefined;

  /** @param skipOutput use the `OutputSkipper` fast path when the encoding allows it. */
  constructor(
    private readonly file: string,
    private readonly skipOutput = true,
  ) {}

  /** Text decoded so far from `chunk` (may be empty while the encoding is still unknown). */
  push(chunk: Uint8Array): string {
    if (this.decoder !== undefined) {
      return this.decoder.decode(this.skipper?.push(chunk) ?? chunk, { stream: true });
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    if (this.pendingBytes < PROLOG_WINDOW && !this.prologComplete()) return "";
    return this.start();
  }

  /** The rest of the text, at the end of the input. */
  end(): string {
    const head = this.decoder === undefined ? this.start() : "";
    const rest = this.skipper?.end();
    return head + this.decoder!.decode(rest);
  }

  private prologComplete(): boolean {
    const first = this.pending[0]!;
    // Not starting with `<?xml` (in any encoding we sniff): no declaration is coming.
    if (first.byteLength >= 5 && first[0] === 0x3c && first[1] !== 0x3f) return true;
    for (const part of this.pending) if (part.includes(0x3e)) return true; // `>` seen
    return false;
  }

  private start(): string {
    const head = concat(this.pending);
    this.pending = [];
    const { label, declared } = sniff(head);
    try {
      this.decoder = new TextDecoder(label, { fatal: false });
    } catch {
      throw new JunitParseError(
        this.file,
        1,
        1,
        `unsupported encoding "${declared ?? label}" in the XML declaration; write the report as UTF-8`,
      );
    }
    const encoding = this.decoder.encoding;
    // The skipper reads bytes as ASCII: fine for UTF-8 and the single-byte Latin encodings.
    if (
      this.skipOutput &&
      (encoding === "utf-8" || encoding.startsWith("windows-") || encoding.startsWith("iso-8859-"))
    ) {
      this.skipper = new OutputSkipper();
    }
    return this.decoder.decode(this.skipper?.push(head) ?? head, { stream: true });
  }
}
