import { DockerfileParser, From, Healthcheck, JSONInstruction, PropertyInstruction } from "dockerfile-ast";
import type { Expansion } from "./expand-word.js";
import { resolveStages, type StageKind, type StageVariable } from "./resolve-stages.js";

export type { StageKind, StageVariable } from "./resolve-stages.js";

/**
 * A Dockerfile read into the little the checks need, with every position as an offset
 * into the text. `dockerfile-ast` does the parsing (escape directive, continuations,
 * heredocs, quoting); this turns its ranges into offsets, tells stages apart and expands
 * variables as the builder does ({@link resolveStages}).
 */
export interface DockerfileModel {
  readonly escapeChar: string;
  readonly instructions: readonly DockerInstruction[];
  /** The ENV and ARG variables the final stage ends with, in the order they were last set. */
  readonly variables: ReadonlyMap<string, StageVariable>;
  /** Offset → 1-based line and column (UTF-16 columns, as editors and GitHub count). */
  position(offset: number): { line: number; column: number };
}

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
  /** Whitespace-separated arguments (EXPOSE), as written and expanded. */
  readonly args: readonly {
    readonly value: string;
    readonly offset: number;
    readonly expanded: Expansion | undefined;
  }[];
}

export interface DockerProperty {
  readonly name: string;
  readonly value: string | null;
  readonly nameOffset: number;
  readonly valueFrom: number;
  readonly valueTo: number;
  /** The value as the builder expands it; for `ARG NAME`, the global default it takes. */
  readonly expanded: Expansion | undefined;
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
  const raw = all.map((instruction) => {
    const keyword = instruction.getKeyword();
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
            const valueFrom = valueRange ? offset(valueRange.start) : nameOffset;
            const valueTo = valueRange ? offset(valueRange.end) : nameOffset;
            return {
              name: property.getName(),
              value: property.getValue(),
              raw: property.getValue() === null ? null : text.slice(valueFrom, valueTo),
              nameOffset,
              valueFrom,
              valueTo,
            };
          })
        : [];
    const args =
      keyword === "EXPOSE"
        ? instruction.getArguments().map((arg) => {
            const at = offset(arg.getRange().start);
            return { value: arg.getValue(), offset: at, raw: text.slice(at, offset(arg.getRange().end)) };
          })
        : [];
    const base =
      instruction instanceof From
        ? { image: instruction.getImage() ?? undefined, alias: instruction.getBuildStage() ?? undefined }
        : {};
    return { keyword, from, to, execForm, properties, args, ...base };
  });
  const escapeChar = parsed.getEscapeCharacter();
  const resolved = resolveStages(raw, escapeChar);
  const instructions = raw.map(
    ({ keyword, from, to, execForm, properties, args }, index): DockerInstruction => {
      const done = resolved.instructions[index];
      return {
        keyword,
        stage: done?.stage ?? "build",
        from,
        to,
        execForm,
        properties: properties.map(({ raw: _raw, ...property }, i) => ({
          ...property,
          expanded: done?.properties[i],
        })),
        args: args.map(({ raw: _raw, ...arg }, i) => ({ ...arg, expanded: done?.args[i] })),
      };
    },
  );
  return {
    escapeChar,
    instructions,
    variables: resolved.variables,
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
