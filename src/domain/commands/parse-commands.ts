import { type CommandInfo, type CommandName, findCommand } from "./commands.js";

/** One command found in a comment. */
export interface ParsedCommand {
  readonly name: CommandName;
  /** Lowercased arguments, already validated against the command's forms. */
  readonly args: readonly string[];
  /** 1-based line in the comment. */
  readonly line: number;
}

/** A line that names a known command but is written wrong. */
export interface CommandError {
  readonly line: number;
  /** The offending line, trimmed and cut to 200 characters. */
  readonly text: string;
  /** What is wrong and every valid form. */
  readonly message: string;
}

export interface ParsedComment {
  readonly commands: readonly ParsedCommand[];
  readonly errors: readonly CommandError[];
}

/** Only this much of a comment is read (GitHub's own limit is 65,536 characters). */
export const MAX_COMMENT_CHARS = 65_536;
/** At most this many command lines (valid or not) are taken from one comment. */
export const MAX_COMMANDS_PER_COMMENT = 10;
const MAX_ERROR_TEXT = 200;

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Finds the slash commands in a comment, Prow/Atlantis style: one per line, a line whose
 * first non-blank character is `/` followed by a known command name (any case). Lines in
 * fenced code blocks, in HTML comments and quoted lines (`>`) are not commands, so quoting
 * or showing a command never runs it. Unknown `/words` are ignored: they may belong to
 * another bot. A known command with bad arguments becomes an error naming every valid form.
 *
 * Bounded: only the first {@link MAX_COMMENT_CHARS} characters are read and at most
 * {@link MAX_COMMANDS_PER_COMMENT} command lines are taken (one error marks where it stopped).
 * Pure and linear in the size of the input.
 */
export function parseCommands(body: string): ParsedComment {
  const commands: ParsedCommand[] = [];
  const errors: CommandError[] = [];
  const lines = (typeof body === "string" ? body : "").slice(0, MAX_COMMENT_CHARS).split(/\r\n|\r|\n/);
  let fence: { char: string; length: number } | undefined;
  let inHtmlComment = false;
  let seen = 0;

  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? "";
    const lineNumber = index + 1;
    if (fence) {
      const close = FENCE.exec(raw);
      if (
        close?.[1] &&
        close[1][0] === fence.char &&
        close[1].length >= fence.length &&
        close[2]?.trim() === ""
      )
        fence = undefined;
      continue;
    }
    if (inHtmlComment) {
      const end = raw.indexOf("-->");
      if (end === -1) continue;
      inHtmlComment = opensHtmlComment(raw.slice(end + 3));
      continue;
    }
    const open = FENCE.exec(raw);
    // A backtick fence's info string may not contain a backtick (CommonMark); that line is inline code.
    if (open?.[1] && !(open[1][0] === "`" && open[2]?.includes("`"))) {
      fence = { char: open[1][0] ?? "`", length: open[1].length };
      continue;
    }
    // Text after an unclosed `<!--` is hidden; the line's own start still counts.
    inHtmlComment = opensHtmlComment(raw);
    const line = raw.trimStart();
    if (!line.startsWith("/")) continue;
    const [word = "", ...rest] = line.slice(1).split(/\s+/u);
    const info = findCommand(word.toLowerCase());
    if (!info) continue;
    seen++;
    const text = line.trimEnd().slice(0, MAX_ERROR_TEXT);
    if (seen > MAX_COMMANDS_PER_COMMENT) {
      errors.push({
        line: lineNumber,
        text,
        message: `only the first ${MAX_COMMANDS_PER_COMMENT} commands of a comment are read; this one and the rest were ignored`,
      });
      break;
    }
    const args = rest.filter((a) => a !== "").map((a) => a.toLowerCase());
    const problem = checkArguments(info, args);
    if (problem) errors.push({ line: lineNumber, text, message: problem });
    else commands.push({ name: info.name, args, line: lineNumber });
  }
  return { commands, errors };
}

/** True when the text opens an HTML comment that it does not close. */
function opensHtmlComment(text: string): boolean {
  const start = text.lastIndexOf("<!--");
  return start !== -1 && text.indexOf("-->", start + 4) === -1;
}

function checkArguments(info: CommandInfo, args: readonly string[]): string | undefined {
  const forms = `use ${orList(info.usage)}`;
  if (info.argument === "none")
    return args.length === 0 ? undefined : `/${info.name} takes no arguments: ${forms}`;
  if (args.length === 0) return info.argument === "required" ? `missing target: ${forms}` : undefined;
  if (args.length > 1) return `too many arguments: ${forms}`;
  const target = args[0] ?? "";
  if (!info.targets.includes(target)) return `unknown target "${target.slice(0, 50)}": ${forms}`;
  return undefined;
}

/** "a, b, c or d". */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
