import type { z } from "zod";

/** The parts of a zod 4 schema definition we walk; zod exposes them on `schema._zod.def`. */
interface WalkableDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly keyType?: z.ZodType;
  readonly entries?: Record<string, string | number>;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

const MAX_STEPS = 64;

function defOf(schema: z.ZodType): WalkableDef {
  return (schema as unknown as { _zod: { def: WalkableDef } })._zod.def;
}

/** Strips wrappers (optional, default, pipe, …) to reach the schema that decides the shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let step = 0; step < MAX_STEPS; step++) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in && def.out) {
      // A preprocess pipe starts with a transform; the shape lives in its output side.
      current = defOf(def.in).type === "transform" ? def.out : def.in;
    } else return current;
  }
  return current;
}

/**
 * The keys a mapping at `path` may hold according to `schema`, for "did you mean" suggestions and
 * for listing the allowed keys. Empty when the schema at that path is not a fixed-key mapping.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!current) return [];
    const def = defOf(current);
    if (def.type === "object" && def.shape) current = def.shape[String(segment)];
    else if (def.type === "array") current = def.element;
    else if (def.type === "record") current = def.valueType;
    else return [];
    if (current) current = unwrap(current);
  }
  if (!current) return [];
  const def = defOf(current);
  if (def.type === "object" && def.shape) return Object.keys(def.shape).filter((key) => !key.startsWith("_"));
  if (def.type === "record" && def.keyType) {
    const keyDef = defOf(unwrap(def.keyType));
    if (keyDef.type === "enum" && keyDef.entries) return Object.values(keyDef.entries).map(String);
  }
  return [];
}
