import { DockerfileParser, Healthcheck, JSONInstruction, PropertyInstruction } from "dockerfile-ast";

/**
 * A Dockerfile read into the little the checks need, with every position as an offset
 * into the text. `dockerfile-ast` does the parsing (escape directive, continuations,
 * heredocs, quoting); this turns its ranges into offsets and tells stages apart.
 */
export interface DockerfileModel {
  readonly escapeChar: string;
  readonly instructions: readonly DockerInstruction[];
  /** Offset → 1-based line and column (UTF-16 columns, as editors and GitHub count). */
  position(offset: number): { line: number; column: number };
}

/** Which stage an instruction belongs to; only the final stage's run-time instructions ship. */
export type StageKind = "global" | "build" | "final";

export interface DockerInstruction {
  readonly keyword: string;
  readonly stage: StageKind;
  /** Where the words to scan are: after the keyword (after `CMD` for HEALTHCHECK). */
  readonly from: number;
  readonly to: number;
  /** Exec form (`["a", "b"]`): no shell, so no `$VAR` expansion and no `#` comments. */
  readonly execForm: boolean;
  /** `NAME=value` pairs of ENV and ARG; `value` is null for `ARG NAME`. */
  readonly properties: readonly DockerProperty[];
  /** Whitespace-separated arguments (EXPOSE). */
  readonly args: readonly { readonly value: string; readonly offset: number }[];
}

export interface DockerProperty {
  readonly name: string;
  readonly value: string | null;
  readonly nameOffset: number;
  readonly valueFrom: number;
  readonly valueTo: number;
}

/**
 * Larger Dockerfiles are refused rather than parsed: real ones are a few KiB, callers read
 * at most 256 KiB of a file anyway, and the parser takes about a second per 500 KB.
 */
export const MAX_DOCKERFILE_CHARS = 256 * 1024;

/** Parses `text` (the caller checks size and binary content first). */
export function readDockerfile(text: string): DockerfileModel {
  const lineStarts = computeLineStarts(text);
  const offset = (p: { line: number; character: number }) =>
    Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
  const parsed = DockerfileParser.parse(text);
  const all = parsed.getInstructions();
  const fromIndexes = all.flatMap((instruction, index) =>
    instruction.getKeyword() === "FROM" ? [index] : [],
  );
  const firstFrom = fromIndexes[0] ?? -1;
  const lastFrom = fromIndexes[fromIndexes.length - 1] ?? -1;
  const instructions: DockerInstruction[] = all.map((instruction, index) => {
    const keyword = instruction.getKeyword();
    const stage: StageKind =
      firstFrom !== -1 && index < firstFrom ? "global" : index >= lastFrom ? "final" : "build";
    const range = instruction.getRange();
    let from = offset(instruction.getInstructionRange().end);
    const to = offset(range.end);
    let execForm = false;
    if (instruction instanceof JSONInstruction) execForm = instruction.getOpeningBracket() !== null;
    if (instruction instanceof Healthcheck) {
      const sub = instruction.getSubcommand();
      from = sub ? offset(sub.getRange().end) : to;
      const rest = text.slice(from, Math.min(to, from + 200)).trimStart();
      execForm = rest.startsWith("[");
    }
    const properties =
      instruction instanceof PropertyInstruction
        ? instruction.getProperties().map((property) => {
            const valueRange = property.getValueRange();
            const nameOffset = offset(property.getNameRange().start);
            return {
              name: property.getName(),
              value: property.getValue(),
              nameOffset,
              valueFrom: valueRange ? offset(valueRange.start) : nameOffset,
              valueTo: valueRange ? offset(valueRange.end) : nameOffset,
            };
          })
        : [];
    const args =
      keyword === "EXPOSE"
        ? instruction
            .getArguments()
            .map((arg) => ({ value: arg.getValue(), offset: offset(arg.getRange().start) }))
        : [];
    return { keyword, stage, from, to, execForm, properties, args };
  });
  return {
    escapeChar: parsed.getEscapeCharacter(),
    instructions,
    position: (at) => {
      const line = lineIndex(lineStarts, at);
      return { line: line + 1, column: at - (lineStarts[line] ?? 0) + 1 };
    },
  };
}

/** Line starts the way the parser counts lines: `\r\n`, `\r` and `\n` each end one. */
function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (code === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

function lineIndex(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
