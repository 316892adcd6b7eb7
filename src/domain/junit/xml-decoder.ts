import { JunitParseError } from "./junit-parse-error.js";

/** How far into the file the XML declaration must have ended for us to read its encoding. */
const PROLOG_WINDOW = 1024;
/** The declared encoding and where its value starts; the scanner checks the declaration's syntax. */
const ENCODING_ATTR = /^<\?xml[^>]*?\sencoding\s*=\s*["']([^"'<>?]*)["']/;
const ENCODING_NAME = /^[A-Za-z][A-Za-z0-9._-]*$/;
const EMPTY = new Uint8Array(0);

interface Sniffed {
  label: string;
  declared?: string;
  /** 1-based column of the declared name, for errors. */
  column?: number;
}

/** The encoding of an XML document from its first bytes: BOM, then UTF-16 shape, then the prolog. */
function sniff(head: Uint8Array): Sniffed {
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
  const match = ENCODING_ATTR.exec(prolog);
  const declared = match?.[1];
  // An invalid name is read as UTF-8; the scanner then reports the declaration's syntax.
  if (declared === undefined || !ENCODING_NAME.test(declared)) return { label: "utf-8" };
  // A document read as single bytes cannot really be UTF-16: the declaration is wrong; read UTF-8.
  if (/^utf-?16/i.test(declared)) return { label: "utf-8", declared };
  const column = match![0].length - declared.length;
  return { label: declared, declared, column };
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
 * Streaming bytes-to-UTF-8 for XML: waits for enough bytes to detect the encoding (BOM or
 * `encoding="..."`), then passes UTF-8 through as it is (minus a BOM) and transcodes any
 * other encoding chunk by chunk. Invalid byte sequences become U+FFFD rather than an error
 * (in UTF-8 when a text is decoded), because real reports often carry a stray Latin-1 byte
 * in a stack trace while declaring UTF-8; the scanner still rejects anything that is not XML.
 */
export class XmlDecoder {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private utf8 = false;
  private started = false;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private readonly encoder = new TextEncoder();

  constructor(private readonly file: string) {}

  /** UTF-8 bytes decoded so far from `chunk` (may be empty while the encoding is still unknown). */
  push(chunk: Uint8Array): Uint8Array {
    if (this.started)
      return this.utf8 ? chunk : this.encoder.encode(this.decoder!.decode(chunk, { stream: true }));
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    if (this.pendingBytes < PROLOG_WINDOW && !this.prologComplete()) return EMPTY;
    return this.start();
  }

  /** The rest, at the end of the input. */
  end(): Uint8Array {
    const head = this.started ? EMPTY : this.start();
    if (this.utf8) return head;
    const rest = this.encoder.encode(this.decoder!.decode());
    return head.byteLength === 0 ? rest : concat([head, rest]);
  }

  private prologComplete(): boolean {
    const first = this.pending[0]!;
    // Not starting with `<?xml` (in any encoding we sniff): no declaration is coming.
    if (first.byteLength >= 5 && first[0] === 0x3c && first[1] !== 0x3f) return true;
    for (const part of this.pending) if (part.includes(0x3e)) return true; // `>` seen
    return false;
  }

  private start(): Uint8Array {
    this.started = true;
    const head = concat(this.pending);
    this.pending = [];
    const { label, declared, column } = sniff(head);
    try {
      this.decoder = new TextDecoder(label, { fatal: false });
    } catch {
      throw new JunitParseError(
        this.file,
        1,
        column ?? 1,
        `unsupported encoding "${declared ?? label}" in the XML declaration; write the report as UTF-8`,
      );
    }
    if (this.decoder.encoding === "utf-8") {
      this.utf8 = true;
      const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
      return bom ? head.subarray(3) : head;
    }
    return this.encoder.encode(this.decoder.decode(head, { stream: true }));
  }
}
