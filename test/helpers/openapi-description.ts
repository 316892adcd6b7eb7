/**
 * Loads one of GitHub's OpenAPI descriptions from `@octokit/openapi`, once per process (per jest test file),
 * and indexes its operations by method and path template. Validators are compiled lazily and cached.
 *
 * We read the non-dereferenced file (13 MB, about 0.5 s to parse) rather than the `.deref` one (73 MB, 1.5 s)
 * and let ajv follow the `$ref`s; that keeps the load cheap without an on-disk cache.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import { compilePathTemplate, matchPathTemplate, moreSpecific, type PathTemplate } from "./path-template.js";
import { isObject, resolveLocalRef, SCHEMA_ID_PREFIX, toJsonSchema } from "./openapi-schema.js";

/** `api.github.com` (default), `ghec`, or a GitHub Enterprise Server release such as `ghes-3.17`. */
export type DescriptionName = "api.github.com" | "ghec" | `ghes-3.${number}`;

/** One operation of the description, with its `$ref`s still in place. */
export interface Operation {
  readonly method: string;
  readonly template: PathTemplate;
  readonly operationId: string;
  readonly raw: Record<string, unknown>;
}

/** A loaded description: the raw document, the operation index and two ajv instances. */
export interface Description {
  readonly name: DescriptionName;
  readonly document: Record<string, unknown>;
  /** Strict ajv for bodies. */
  readonly bodyAjv: Ajv;
  /** Ajv that coerces strings, for path and query parameters that arrive as text. */
  readonly paramAjv: Ajv;
  findOperation(
    method: string,
    path: string,
  ): { operation: Operation; params: Record<string, string> } | undefined;
  /** Compiles (once) a validator for an OpenAPI schema; `key` names it in the cache. */
  validator(ajv: Ajv, key: string, schema: unknown): ValidateFunction;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const loaded = new Map<DescriptionName, Description>();

/** The names of the descriptions shipped in the installed `@octokit/openapi`. */
export function availableDescriptions(): string[] {
  const dir = generatedDir();
  const names = readdirSync(dir).filter((f) => f.endsWith(".json") && !f.endsWith(".deref.json"));
  return names.map((f) => f.slice(0, -".json".length)).sort();
}

/** Loads (once) and returns a description; throws naming the available ones when `name` is unknown. */
export function loadDescription(name: DescriptionName = "api.github.com"): Description {
  const cached = loaded.get(name);
  if (cached) return cached;
  const file = join(generatedDir(), `${name}.json`);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(
      `cannot load GitHub's OpenAPI description ${JSON.stringify(name)} from ${file}: ${String(error)}. ` +
        `Available: ${availableDescriptions().join(", ")}`,
    );
  }
  if (!isObject(document) || !isObject(document.paths)) throw new Error(`${file} has no "paths"`);
  const description = buildDescription(name, document);
  loaded.set(name, description);
  return description;
}

function buildDescription(name: DescriptionName, document: Record<string, unknown>): Description {
  const byMethod = new Map<string, Operation[]>();
  for (const [path, item] of Object.entries(document.paths as Record<string, unknown>)) {
    if (!isObject(item)) continue;
    const template = compilePathTemplate(path);
    for (const method of METHODS) {
      const raw = item[method];
      if (!isObject(raw)) continue;
      const upper = method.toUpperCase();
      const operationId = typeof raw.operationId === "string" ? raw.operationId : `${upper} ${path}`;
      const list = byMethod.get(upper) ?? [];
      list.push({ method: upper, template, operationId, raw });
      byMethod.set(upper, list);
    }
  }
  const bodyAjv = newAjv(false);
  const paramAjv = newAjv("array");
  const registered = new Map<Ajv, Set<string>>([
    [bodyAjv, new Set()],
    [paramAjv, new Set()],
  ]);
  const cache = new Map<Ajv, Map<string, ValidateFunction>>([
    [bodyAjv, new Map()],
    [paramAjv, new Map()],
  ]);
  const schemas = (isObject(document.components) && document.components.schemas) || {};

  // Adds the component schemas a schema references (and theirs, transitively) to one ajv instance.
  function register(ajv: Ajv, refs: Set<string>): void {
    const done = registered.get(ajv) as Set<string>;
    const pending = [...refs];
    while (pending.length > 0) {
      const ref = pending.pop() as string;
      if (done.has(ref)) continue;
      done.add(ref);
      const raw = isObject(schemas) ? schemas[ref] : undefined;
      if (raw === undefined) throw new Error(`OpenAPI description ${name} has no schema ${ref}`);
      const more = new Set<string>();
      const converted = toJsonSchema(raw, more) as Record<string, unknown>;
      ajv.addSchema({ ...converted, $id: SCHEMA_ID_PREFIX + encodeURIComponent(ref) });
      pending.push(...more);
    }
  }

  return {
    name,
    document,
    bodyAjv,
    paramAjv,
    findOperation(method, path) {
      let best: { operation: Operation; params: Record<string, string> } | undefined;
      for (const operation of byMethod.get(method.toUpperCase()) ?? []) {
        const params = matchPathTemplate(operation.template, path);
        if (!params) continue;
        if (!best || moreSpecific(operation.template, best.operation.template) === operation.template) {
          best = { operation, params };
        }
      }
      return best;
    },
    validator(ajv, key, schema) {
      const perAjv = cache.get(ajv) as Map<string, ValidateFunction>;
      const hit = perAjv.get(key);
      if (hit) return hit;
      const refs = new Set<string>();
      const converted = toJsonSchema(resolveLocalRef(document, schema), refs);
      register(ajv, refs);
      const compiled = ajv.compile(converted as Record<string, unknown>);
      perAjv.set(key, compiled);
      return compiled;
    },
  };
}

function newAjv(coerceTypes: false | "array"): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, coerceTypes });
  // ajv-formats is CommonJS: under NodeNext the default import is `module.exports`, whose `.default` is the plugin.
  const module = addFormatsModule as unknown as { default?: FormatsPlugin };
  const addFormats = module.default ?? (addFormatsModule as unknown as FormatsPlugin);
  addFormats(ajv);
  return ajv;
}

function generatedDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@octokit/openapi/package.json")), "generated");
}
