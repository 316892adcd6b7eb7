/** Deepest flow nesting (`[` and `{`) accepted; real configuration files use three or four levels. */
export const MAX_FLOW_DEPTH = 64;
/** Most block indicators (`- `, `? `) accepted at the start of one line (`- - - x` nests three lists). */
export const MAX_INLINE_BLOCK_DEPTH = 16;

/**
 * Finds nesting deep enough to exhaust the YAML parser's stack or memory, before the parser sees the
 * text: a 256 KiB file of `[` brackets makes the parser run out of memory rather than report an
 * error. The scan is lexical and deliberately conservative (brackets inside quoted strings count
 * too); a real configuration file is nowhere near the limits. Returns the 1-based position of the
 * first offending character, or `undefined`.
 */
export function findExcessiveNesting(text: string): { line: number; column: number } | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let inComment = false;
  if (leadingIndicators(text, 0) > MAX_INLINE_BLOCK_DEPTH) return { line: 1, column: 1 };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */) {
      line++;
      lineStart = i + 1;
      inComment = false;
      if (leadingIndicators(text, lineStart) > MAX_INLINE_BLOCK_DEPTH) return { line, column: 1 };
      continue;
    }
    if (inComment) continue;
    if (ch === 35 /* # */ && (i === lineStart || text[i - 1] === " " || text[i - 1] === "\t"))
      inComment = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      depth++;
      if (depth > MAX_FLOW_DEPTH) return { line, column: i - lineStart + 1 };
    } else if ((ch === 93 /* ] */ || ch === 125) /* } */ && depth > 0) depth--;
  }
  return undefined;
}

/** Counts the `- ` / `? ` / `: ` indicators that open a line, each one a level of block nesting. */
function leadingIndicators(text: string, start: number): number {
  let count = 0;
  let i = start;
  while (i < text.length && text[i] === " ") i++;
  while (
    i + 1 < text.length &&
    (text[i] === "-" || text[i] === "?" || text[i] === ":") &&
    text[i + 1] === " "
  ) {
    count++;
    i += 2;
    while (i < text.length && text[i] === " ") i++;
  }
  return count;
}
