/**
 * Docker's variable substitution, the way the builder expands ENV, ARG and EXPOSE values
 * (BuildKit's shell lexer): `$NAME`, `${NAME}`, `${NAME:-word}` / `${NAME-word}` (default),
 * `${NAME:+word}` / `${NAME+word}` (alternative), `${NAME:?word}` / `${NAME?word}` (required),
 * single quotes literal, double quotes expanded, the escape character (`\` or the escape
 * directive's) escaping the next character, line continuations dropped. Written here
 * because dockerfile-ast only swaps a variable for its raw value: it ignores the modifiers,
 * does not expand values that refer to other variables, and has already dropped quotes and
 * escapes from the values it returns.
 */

/** A word after expansion. */
export interface Expansion {
  readonly value: string;
  /** The variables the word refers to, in the order they were looked up. */
  readonly names: readonly string[];
}

export interface ExpandOptions {
  /** The Dockerfile's escape character (`\` unless the escape directive says `` ` ``). */
  readonly escapeChar?: string;
  /** Longest value produced; past it the word cannot be told (chained variables grow fast). */
  readonly maxChars?: number;
}

/** Nested `${A:-${B:-…}}` deeper than this cannot be told: real Dockerfiles nest once or twice. */
const MAX_DEPTH = 16;
const DEFAULT_MAX_CHARS = 64 * 1024;
const SPECIAL = "@*#?-$!0";

class Unreadable extends Error {}

/**
 * Expands `raw` (a value as written in the Dockerfile) with `lookup` giving each variable's
 * value (undefined: unset). Undefined when the word cannot be told: a pattern substitution
 * (`${A#x}`, `${A%x}`, `${A/x/y}`), a syntax error, a required variable unset, or too long.
 * One pass over `raw`: linear in its length and in the value produced.
 */
export function expandWord(
  raw: string,
  lookup: (name: string) => string | undefined,
  options: ExpandOptions = {},
): Expansion | undefined {
  const escape = options.escapeChar ?? "\\";
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const names: string[] = [];
  let i = 0;

  const fail = (): never => {
    throw new Unreadable();
  };
  const join = (out: string, more: string): string => {
    if (out.length + more.length > maxChars) fail();
    return out + more;
  };
  const get = (name: string): string | undefined => {
    names.push(name);
    return lookup(name);
  };

  /** At an escape character: skips `escape`, blanks and a line end, and says whether it did. */
  const continuation = (): boolean => {
    let j = i + 1;
    while (raw[j] === " " || raw[j] === "\t") j++;
    if (raw[j] === "\r" && raw[j + 1] === "\n") j++;
    if (raw[j] !== "\n" && raw[j] !== "\r") return false;
    i = j + 1;
    return true;
  };

  const name = (): string => {
    const start = i;
    if (isDigit(raw[i])) {
      while (isDigit(raw[i])) i++;
    } else if (raw[i] !== undefined && SPECIAL.includes(raw[i] as string)) {
      i++;
    } else {
      while (isNameChar(raw[i])) i++;
    }
    return raw.slice(start, i);
  };

  const dollar = (depth: number): string => {
    i++; // the `$`
    if (raw[i] !== "{") {
      const found = name();
      return found === "" ? "$" : (get(found) ?? "");
    }
    i++;
    if (raw[i] === undefined || raw[i] === "{" || raw[i] === "}" || raw[i] === ":") fail();
    const variable = name();
    let op = raw[i++];
    if (op === "}") return get(variable) ?? "";
    const colon = op === ":";
    if (colon) op = raw[i++];
    if (op !== "-" && op !== "+" && op !== "?") return fail(); // `#`, `%`, `/`: patterns are not read
    const word = text("}", depth + 1);
    const value = get(variable);
    const unset = value === undefined || (colon && value === "");
    if (op === "-") return unset ? word : value;
    if (op === "+") return unset ? "" : word;
    return unset ? fail() : value;
  };

  const singleQuoted = (): string => {
    const close = raw.indexOf("'", i + 1);
    if (close === -1) fail();
    const inside = raw.slice(i + 1, close);
    i = close + 1;
    return inside;
  };

  const doubleQuoted = (depth: number): string => {
    i++;
    let out = "";
    while (i < raw.length) {
      const ch = raw[i] as string;
      if (ch === '"') {
        i++;
        return out;
      }
      if (ch === "$") {
        out = join(out, dollar(depth));
      } else if (ch === escape) {
        if (continuation()) continue;
        const next = raw[i + 1];
        if (next === '"' || next === "$" || next === escape) {
          out = join(out, next);
          i += 2;
        } else {
          out = join(out, ch);
          i++;
        }
      } else {
        out = join(out, ch);
        i++;
      }
    }
    return fail();
  };

  /** The text up to `stop` (consumed) or the end. */
  const text = (stop: string | undefined, depth: number): string => {
    if (depth > MAX_DEPTH) fail();
    let out = "";
    while (i < raw.length) {
      const ch = raw[i] as string;
      if (ch === stop) {
        i++;
        return out;
      }
      if (ch === "'") out = join(out, singleQuoted());
      else if (ch === '"') out = join(out, doubleQuoted(depth));
      else if (ch === "$") out = join(out, dollar(depth));
      else if (ch === escape) {
        if (continuation()) continue;
        if (i + 1 < raw.length) out = join(out, raw[i + 1] as string);
        i += 2;
      } else {
        out = join(out, ch);
        i++;
      }
    }
    return stop === undefined ? out : fail();
  };

  try {
    return { value: text(undefined, 0), names };
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

function isNameChar(ch: string | undefined): boolean {
  return (
    ch !== undefined && (ch === "_" || isDigit(ch) || (ch >= "A" && ch <= "Z") || (ch >= "a" && ch <= "z"))
  );
}
