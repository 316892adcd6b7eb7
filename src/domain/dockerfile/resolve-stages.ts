import { expandWord, type Expansion } from "./expand-word.js";

/**
 * Which stage an instruction belongs to: `global` before the first FROM; `final` in the
 * stage that is built last or in a stage it is built on (`FROM base`), whose ENV, EXPOSE,
 * CMD and the rest end up in the image; `build` in the other stages.
 */
export type StageKind = "global" | "build" | "final";

/** A variable as the builder sees it at the end of the final stage. */
export interface StageVariable {
  /** The value after expansion; undefined when unset or when it cannot be told. */
  readonly value: string | undefined;
  readonly keyword: "ENV" | "ARG";
  /** The variables its value refers to. */
  readonly names: readonly string[];
  /** Where its value is written (the name, for `ARG NAME` taking a global default). */
  readonly offset: number;
  /** Where the text of the value comes from, through `X=${X}` and `ARG X` re-declarations. */
  readonly origin: { readonly offset: number; readonly keyword: "ENV" | "ARG" };
}

/** What stage resolution needs of an instruction. */
export interface StageInput {
  readonly keyword: string;
  /** FROM: the image as written, and the stage's name (`AS name`). */
  readonly image?: string | undefined;
  readonly alias?: string | undefined;
  readonly properties: readonly {
    readonly name: string;
    /** The value as written (quotes and escapes kept), null for `ARG NAME`. */
    readonly raw: string | null;
    readonly nameOffset: number;
    readonly valueFrom: number;
  }[];
  /** EXPOSE's arguments as written. */
  readonly args: readonly { readonly raw: string }[];
}

export interface ResolvedInstruction {
  readonly stage: StageKind;
  /** Each property's value after expansion (for `ARG NAME`, the global default it takes). */
  readonly properties: readonly (Expansion | undefined)[];
  readonly args: readonly (Expansion | undefined)[];
}

/** All values expanded in one Dockerfile together stay under this: chained variables grow fast. */
const TOTAL_EXPANDED_CHARS = 4 * 1024 * 1024;

/**
 * Docker's variable scoping over a Dockerfile's instructions: global ARGs are seen by FROM
 * lines and by a stage only where it re-declares them (`ARG NAME`); a stage sees its own
 * ARGs and ENVs from where they are set, ENV winning over an ARG of the same name, and the
 * ENVs of the stage it is built on; an ENV's pairs are all expanded before any is set.
 * Build arguments given on the command line are not known: ARG defaults stand.
 */
export function resolveStages(
  inputs: readonly StageInput[],
  escapeChar: string,
): { instructions: ResolvedInstruction[]; variables: ReadonlyMap<string, StageVariable> } {
  let budget = TOTAL_EXPANDED_CHARS;
  const expand = (raw: string, scope: ReadonlyMap<string, StageVariable>): Expansion | undefined => {
    const result = expandWord(raw, (name) => scope.get(name)?.value, {
      escapeChar,
      maxChars: Math.min(64 * 1024, budget),
    });
    budget -= result?.value.length ?? 0;
    return result;
  };
  const kinds = stageKinds(inputs, escapeChar);
  const globals = new Map<string, StageVariable>();
  const stageEnvs: Map<string, StageVariable>[] = [];
  let env = new Map<string, StageVariable>();
  /** What instructions see: ENV and ARG, in the order they were last set. */
  let scope = globals;
  const set = (name: string, variable: StageVariable) => {
    scope.delete(name);
    scope.set(name, variable);
  };
  const instructions = inputs.map((input, index): ResolvedInstruction => {
    const stage = kinds.kinds[index] ?? "build";
    if (input.keyword === "FROM") {
      if (kinds.stageOf[index - 1] !== undefined) stageEnvs.push(env);
      const parent = kinds.parents[kinds.stageOf[index] ?? -1] ?? -1;
      env = new Map(stageEnvs[parent] ?? []);
      scope = new Map(env);
      return { stage, properties: [], args: [] };
    }
    if (input.keyword === "ENV" || input.keyword === "ARG") {
      const results = input.properties.map((property) => {
        const seen = scope.get(property.name);
        const global = globals.get(property.name);
        const inherited = property.raw === null && stage !== "global" ? global : undefined;
        const result =
          property.raw === null
            ? inherited && { value: inherited.value ?? "", names: [] }
            : expand(property.raw, scope);
        const offset = property.raw === null ? property.nameOffset : property.valueFrom;
        const source = property.raw === null ? inherited : result?.names.length === 1 ? seen : undefined;
        const fromItself =
          source !== undefined && (property.raw === null || result?.names[0] === property.name);
        const keyword = input.keyword as "ENV" | "ARG";
        const variable: StageVariable = {
          value: property.raw === null ? inherited?.value : result?.value,
          keyword,
          names: result?.names ?? [],
          offset,
          origin: fromItself && source.value === result?.value ? source.origin : { offset, keyword },
        };
        if (input.keyword === "ARG" && stage === "global") globals.set(property.name, variable);
        return { name: property.name, variable, result };
      });
      for (const { name, variable } of results) {
        if (input.keyword === "ENV") {
          env.set(name, variable);
          set(name, variable);
        } else if (stage !== "global" && !env.has(name)) {
          set(name, variable); // an ENV of the same name wins over the ARG
        }
      }
      return { stage, properties: results.map((r) => r.result), args: [] };
    }
    return { stage, properties: [], args: input.args.map((arg) => expand(arg.raw, scope)) };
  });
  return { instructions, variables: scope };
}

/** Each instruction's stage kind, each instruction's stage index, and each stage's parent stage (-1: an image). */
function stageKinds(
  inputs: readonly StageInput[],
  escapeChar: string,
): { kinds: StageKind[]; stageOf: (number | undefined)[]; parents: number[] } {
  const globals = new Map<string, string>();
  const aliases: (string | undefined)[] = [];
  const parents: number[] = [];
  const stageOf: (number | undefined)[] = [];
  let stage = -1;
  for (const input of inputs) {
    if (input.keyword === "FROM") {
      stage++;
      const image = expandWord(input.image ?? "", (name) => globals.get(name), { escapeChar })?.value;
      parents.push(image === undefined ? -1 : aliases.lastIndexOf(image.toLowerCase()));
      aliases.push(input.alias?.toLowerCase());
    } else if (input.keyword === "ARG" && stage === -1) {
      for (const property of input.properties) {
        const value =
          property.raw === null ? undefined : expandWord(property.raw, (name) => globals.get(name));
        if (value) globals.set(property.name, value.value);
      }
    }
    stageOf.push(stage === -1 ? undefined : stage);
  }
  const shipped = new Set<number>();
  for (let s = aliases.length - 1; s !== -1 && !shipped.has(s); s = parents[s] ?? -1) shipped.add(s);
  const kinds = stageOf.map((s): StageKind => {
    if (aliases.length === 0) return "final"; // no FROM: one stage
    if (s === undefined) return "global";
    return shipped.has(s) ? "final" : "build";
  });
  return { kinds, stageOf, parents };
}
