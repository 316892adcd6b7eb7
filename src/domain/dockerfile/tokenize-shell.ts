/**
 * A deliberately rough shell/exec-form tokenizer for finding literals, not for running
 * anything: words are split at blanks, quotes, commas and shell operators, so the same
 * scan reads `CMD server --port 9000` and `CMD ["server", "--port", "9000"]`. Offsets stay
 * those of the Dockerfile, so every finding points at its exact line and column.
 * One pass, no regular expressions: linear in the text it reads.
 */

/** One word of an instruction, with where it starts in the Dockerfile's text. */
export interface ShellToken {
  /** The word as written; variable references are replaced by `x` of the same length. */
  readonly text: string;
  /** Offset of the word's first character in the whole Dockerfile text. */
  readonly offset: number;
  /** The first word of a shell command (after start, `;`, `&&`, `|`, `(` or a new heredoc line). */
  readonly commandStart: boolean;
}

const OPERATORS = new Set([";", "|", "&", "("]);
const DELIMITERS = new Set([" ", "\t", "\n", "\r", '"', "'", "`", ",", ")", "<", ">", ";", "|", "&", "("]);

/**
 * The words of `text[from, to)`. `shellForm` enables `#` comments after a blank; lines
 * that start with `#` are skipped either way (Docker drops them inside continuations).
 */
export function tokenizeShell(
  text: string,
  from: number,
  to: number,
  escapeChar: string,
  shellForm: boolean,
): ShellToken[] {
  const tokens: ShellToken[] = [];
  let i = from;
  let lineStart = true;
  let quote: string | null = null;
  let commandStart = true;
  let wordStart = -1;
  const flush = (end: number) => {
    if (wordStart === -1) return;
    tokens.push({ text: maskVariables(text.slice(wordStart, end)), offset: wordStart, commandStart });
    commandStart = false;
    wordStart = -1;
  };
  while (i < to) {
    const ch = text[i] as string;
    if (lineStart) {
      lineStart = false;
      let j = i;
      while (j < to && (text[j] === " " || text[j] === "\t")) j++;
      if (text[j] === "#" && i !== from) {
        i = skipLine(text, j, to);
        continue;
      }
    }
    if (ch === "\n" || ch === "\r") {
      flush(i);
      // A newline not escaped by a continuation ends a command (heredoc bodies are scripts).
      if (!endsWithEscape(text, from, i, escapeChar)) commandStart = true;
      lineStart = true;
      i++;
      continue;
    }
    if (quote === null && shellForm && ch === "#" && wordStart === -1) {
      i = skipLine(text, i, to);
      continue;
    }
    if (ch === "'" || ch === '"') {
      if (quote === null) quote = ch;
      else if (quote === ch) quote = null;
    }
    if (ch === escapeChar || DELIMITERS.has(ch)) {
      flush(i);
      if (quote === null && OPERATORS.has(ch)) commandStart = true;
    } else if (wordStart === -1) {
      wordStart = i;
    }
    i++;
  }
  flush(to);
  return tokens;
}

function skipLine(text: string, i: number, to: number): number {
  while (i < to && text[i] !== "\n" && text[i] !== "\r") i++;
  return i;
}

function endsWithEscape(text: string, from: number, newline: number, escapeChar: string): boolean {
  let j = newline - 1;
  while (j >= from && (text[j] === " " || text[j] === "\t")) j--;
  return j >= from && text[j] === escapeChar;
}

/**
 * `$NAME`, `${NAME}`, `${NAME:-8080}` and `$1` become runs of `x`: a value that comes from a
 * parameter is not a literal, and keeping the length keeps every offset right.
 */
export function maskVariables(word: string): string {
  if (!word.includes("$")) return word;
  let out = "";
  let i = 0;
  while (i < word.length) {
    if (word[i] !== "$") {
      out += word[i];
      i++;
      continue;
    }
    let end = i + 1;
    if (word[end] === "{") {
      const close = word.indexOf("}", end);
      end = close === -1 ? word.length : close + 1;
    } else {
      while (end < word.length && isNameChar(word.charCodeAt(end))) end++;
    }
    if (end === i + 1) {
      out += "$";
      i++;
      continue;
    }
    out += "x".repeat(end - i);
    i = end;
  }
  return out;
}

function isNameChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}
