/**
 * OpenAPI 3.0 schema objects to JSON Schema that ajv@8 understands.
 * Ajv knows `nullable` only next to `type`; GitHub's description also puts it beside `allOf`/`anyOf`,
 * and on enums without `null`. We translate it everywhere, and point `$ref`s at schemas we add to ajv one by one.
 */

/** Prefix of the `$id` under which each `components.schemas` entry is registered with ajv. */
export const SCHEMA_ID_PREFIX = "https://openapi.sofie.test/schemas/";

type Json = unknown;
type JsonObject = Record<string, unknown>;

const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf"] as const;
const SUBSCHEMA_SINGLE = ["not", "items", "additionalProperties"] as const;
const SUBSCHEMA_MAPS = ["properties", "patternProperties"] as const;

/**
 * Converts one schema. Every `#/components/schemas/NAME` it references is added to `refs`
 * so the caller can register those too.
 */
export function toJsonSchema(schema: Json, refs: Set<string>): Json {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$ref" && typeof value === "string") {
      const name = componentSchemaName(value);
      refs.add(name);
      out.$ref = SCHEMA_ID_PREFIX + encodeURIComponent(name);
    } else if ((SUBSCHEMA_LISTS as readonly string[]).includes(key) && Array.isArray(value)) {
      out[key] = value.map((s) => toJsonSchema(s, refs));
    } else if ((SUBSCHEMA_SINGLE as readonly string[]).includes(key) && isObject(value)) {
      out[key] = toJsonSchema(value, refs);
    } else if ((SUBSCHEMA_MAPS as readonly string[]).includes(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, s]) => [k, toJsonSchema(s, refs)]));
    } else if (key === "nullable" || key === "example" || key === "discriminator" || key.startsWith("x-")) {
      // Documentation-only or handled below.
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable !== true) return out;
  if (typeof out.type === "string" && !("$ref" in out)) {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

/** `#/components/schemas/check-run` → `check-run`; other references are not expected inside schemas. */
export function componentSchemaName(ref: string): string {
  const prefix = "#/components/schemas/";
  if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref inside an OpenAPI schema: ${ref}`);
  return ref.slice(prefix.length).replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Follows a local `$ref` (e.g. `#/components/parameters/owner`) in the raw description. */
export function resolveLocalRef(document: JsonObject, value: Json): Json {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`unsupported $ref: ${ref}`);
    let target: Json = document;
    for (const raw of ref.slice(2).split("/")) {
      const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObject(target) ? target[part] : undefined;
    }
    if (target === undefined) throw new Error(`dangling $ref: ${ref}`);
    current = target;
  }
  return current;
}

/** A plain object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
