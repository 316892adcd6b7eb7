import type { ESLint } from "eslint";

/** What a layer of src/ may import: `"*"` for anything. */
export interface LayerRule {
  readonly layers: readonly string[] | "*";
  readonly packages: readonly string[] | "*";
  readonly builtins: readonly string[] | "*";
  readonly why: string;
}

export declare const LAYERS: Readonly<Record<string, LayerRule>>;
declare const plugin: ESLint.Plugin;
export default plugin;
