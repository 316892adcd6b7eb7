/**
 * The dependency rule of the hexagonal layout, as an ESLint rule: each folder of `src/` is a
 * layer, and a file may import only the layers, packages and Node built-ins its layer allows.
 * Imports are resolved by path (`../../use-cases/x.js` from `src/adapters/github/` is the
 * use-cases layer), so that no relative spelling slips through; static imports, `export … from`,
 * `import type`, `import("…")` types and dynamic `import()` are all checked.
 */
import { builtinModules } from "node:module";
import path from "node:path";

/** Small libraries that compute and do no I/O: the inner layers may use them. */
const PURE_PACKAGES = ["yaml", "zod", "picomatch", "dockerfile-ast"];
const ANY = "*";

/**
 * Who may import what. `layers`: folders of `src/` (`src/index.ts`, the entry point, counts as
 * `app`); `packages`: npm packages; `builtins`: Node built-ins, `node:` prefix or not.
 */
export const LAYERS = {
  domain: {
    layers: ["domain"],
    packages: PURE_PACKAGES,
    builtins: [],
    why: "domain/ is pure: no I/O, no SDK, nothing from the layers around it",
  },
  ports: {
    layers: ["domain", "ports"],
    packages: [],
    builtins: [],
    why: "ports/ are interfaces over the domain's types",
  },
  config: {
    layers: ["domain", "config"],
    packages: PURE_PACKAGES,
    builtins: [],
    why: "config/ validates settings with the domain's schemas",
  },
  "use-cases": {
    layers: ["domain", "ports", "config", "use-cases"],
    packages: PURE_PACKAGES,
    builtins: [],
    why: "use-cases/ orchestrate ports: no adapter, SDK or I/O of their own",
  },
  adapters: {
    layers: ["domain", "ports", "config", "adapters"],
    packages: ANY,
    builtins: ANY,
    why: "adapters/ implement ports; they never call a use case, the app or the CLI",
  },
  cli: {
    layers: ["domain", "ports", "config", "use-cases", "adapters", "cli"],
    packages: ANY,
    builtins: ANY,
    why: "cli/ composes its own commands; it never imports the Probot app",
  },
  app: { layers: ANY, packages: ANY, builtins: ANY, why: "app/ wires everything" },
};

const BUILTINS = new Set(builtinModules);
const allows = (list, item) => list === ANY || list.includes(item);

/** The layer of a file under `src/`, or undefined for a file elsewhere. */
function layerOf(srcRoot, file) {
  const relative = path.relative(srcRoot, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
  const [first, ...rest] = relative.split(path.sep);
  if (rest.length === 0) return "app"; // src/index.ts: the entry point wires everything
  return first;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** What `specifier` imported from `file` is: a layer of `src/`, a built-in, a package, or outside `src/`. */
function classify(srcRoot, file, specifier) {
  if (specifier.startsWith(".") || specifier.startsWith("/")) {
    const target = path.resolve(path.dirname(file), specifier);
    const layer = layerOf(srcRoot, target);
    return layer === undefined ? { kind: "outside", name: specifier } : { kind: "layer", name: layer };
  }
  if (specifier.startsWith("node:") || BUILTINS.has(packageName(specifier)))
    return { kind: "builtin", name: specifier.replace(/^node:/, "") };
  return { kind: "package", name: packageName(specifier) };
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "each layer of src/ imports only what the dependency rule allows" },
    schema: [
      {
        type: "object",
        properties: { root: { type: "string" } },
        additionalProperties: false,
      },
    ],
    messages: {
      layer: "{{from}}/ may not import {{what}}: {{why}}.",
    },
  },
  create(context) {
    const srcRoot = path.resolve(context.cwd, context.options[0]?.root ?? "src");
    const file = context.filename;
    const from = layerOf(srcRoot, file);
    const allowed = from === undefined ? undefined : LAYERS[from];
    if (!allowed) return {};

    const check = (node, source) => {
      if (!source || source.type !== "Literal" || typeof source.value !== "string") return;
      const target = classify(srcRoot, file, source.value);
      let what;
      if (target.kind === "outside") what = `${target.name} (outside src/)`;
      else if (target.kind === "layer" && !allows(allowed.layers, target.name)) what = `${target.name}/`;
      else if (target.kind === "builtin" && !allows(allowed.builtins, target.name))
        what = `the Node built-in node:${target.name}`;
      else if (target.kind === "package" && !allows(allowed.packages, target.name))
        what = `the package ${target.name}`;
      if (what) context.report({ node, messageId: "layer", data: { from, what, why: allowed.why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      // typescript-eslint 8 names the string `source` (`argument`, a literal type, is deprecated).
      TSImportType: (node) => {
        const source = "source" in node ? node.source : node.argument;
        check(node, source?.type === "TSLiteralType" ? source.literal : source);
      },
    };
  },
};

/** The plugin: `layers/dependency-rule`. */
export default { rules: { "dependency-rule": rule } };
