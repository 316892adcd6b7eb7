/**
 * The one rule for @-mentions in partner text (test names, messages, file names, manifest
 * values, Dockerfile findings, images.json values): nothing a partner writes may ping a person
 * or a team through the bot. A zero-width joiner after the `@` breaks GitHub's mention (and
 * its link and notification) while the text reads the same; `sofie-bot` output and copies
 * carry the invisible character, which is the price.
 */

/** U+200D ZERO WIDTH JOINER: invisible, no line break opportunity, not part of a login. */
export const MENTION_BREAK = "\u200d";

// GitHub links `@login` and `@org/team` after anything but a letter, digit or `_` (an e-mail
// address or `image@sha256:` is no mention). Broader than GitHub's own rule on purpose: a
// break where GitHub would not have linked costs nothing.
const MENTION = /(?<![\p{L}\p{N}_])@(?=[\p{L}\p{N}_-])/gu;

/** `text` with every @-mention broken; for plain text and for Markdown text outside code. */
export function neutralizeMentions(text: string): string {
  return text.replace(MENTION, `@${MENTION_BREAK}`);
}

/**
 * `neutralizeMentions` over assembled Markdown, leaving fenced code blocks and code spans as
 * they are (GitHub links no mention in code). For messages built from several sources, such
 * as command replies, where not every piece went through an escaping helper. Where it is not
 * sure a stretch is code (an unclosed span, a fence inside a list), it breaks the mention.
 */
export function neutralizeMarkdownMentions(markdown: string): string {
  const out: string[] = [];
  let fence: { readonly char: string; readonly length: number } | undefined;
  for (const line of markdown.split("\n")) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker?.[0] === fence.char && marker.length >= fence.length && line.trim() === marker)
        fence = undefined;
      out.push(line);
    } else if (
      marker &&
      !(marker[0] === "`" && line.slice(line.indexOf(marker) + marker.length).includes("`"))
    ) {
      fence = { char: marker[0]!, length: marker.length };
      out.push(line);
    } else {
      out.push(neutralizeOutsideSpans(line));
    }
  }
  return out.join("\n");
}

/** One line: mentions broken outside its code spans (a backtick run closed by one of the same length). */
function neutralizeOutsideSpans(line: string): string {
  let out = "";
  let i = 0;
  let prose = 0;
  while (i < line.length) {
    const char = line[i];
    if (char === "\\") {
      i += 2; // an escaped character, a backtick included, opens nothing
      continue;
    }
    if (char !== "`") {
      i++;
      continue;
    }
    let run = i;
    while (line[run] === "`") run++;
    const length = run - i;
    const close = findRun(line, run, length);
    if (close === -1) {
      i = run; // an unclosed run is literal text
      continue;
    }
    out += neutralizeMentions(line.slice(prose, i)) + line.slice(i, close + length);
    i = close + length;
    prose = i;
  }
  return out + neutralizeMentions(line.slice(prose));
}

/** Start of the next run of exactly `length` backticks from `from`, or -1. */
function findRun(line: string, from: number, length: number): number {
  for (let i = from; i < line.length;) {
    if (line[i] !== "`") {
      i++;
      continue;
    }
    let end = i;
    while (line[end] === "`") end++;
    if (end - i === length) return i;
    i = end;
  }
  return -1;
}
