/**
 * Finds the @-mentions GitHub would turn into links (and notifications) in a text, written
 * independently of the code under test so that the check is not the code checking itself.
 *
 * Markdown: fenced code blocks and code spans are left out (GitHub does not linkify mentions
 * in code); a backtick escaped with `\` opens no span. Plain text (annotation fields, titles):
 * pass `{ plain: true }`. A mention is `@` not preceded by a letter, digit or `_`, followed by
 * a letter, digit, `_` or `-` (a zero-width joiner after `@` breaks it).
 */
export function liveMentions(text: string, options: { readonly plain?: boolean } = {}): string[] {
  const prose = options.plain ? text : withoutCode(text);
  return prose.match(/(?<![\p{L}\p{N}_])@[\p{L}\p{N}_-][\p{L}\p{N}_/-]*/gu) ?? [];
}

function withoutCode(markdown: string): string {
  const kept: string[] = [];
  let fence: { char: string; length: number } | undefined;
  for (const line of markdown.split("\n")) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker?.[0] === fence.char && marker.length >= fence.length && line.trim() === marker) {
        fence = undefined;
      }
    } else if (marker) {
      fence = { char: marker[0]!, length: marker.length };
    } else {
      kept.push(line);
    }
  }
  // Code spans, one line at a time (ours never span lines): an opening run not escaped, closed by a run of the same length.
  return kept.map((line) => line.replace(/(?<![\\`])(`+)(?!`)(.*?[^`])\1(?!`)/g, "")).join("\n");
}
