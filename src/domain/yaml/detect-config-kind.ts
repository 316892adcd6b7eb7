/** The two kinds of file the product reads. */
export type ConfigKind = "manifest" | "policy";

const MANIFEST_KEY = /^["']?component["']?[ \t]*:/m;
const POLICY_KEY =
  /^["']?(?:maintainers|registry|clusters|ladder|checks|topics|automation|_extends)["']?[ \t]*:/m;

/**
 * Tells a component manifest from an organisation policy: by a top-level key first (`component:` means
 * a manifest; `maintainers:`, `registry:`, `clusters:` and the other policy keys mean a policy), then by
 * the file name (`component.yml`, `sofie-integration.yml`). Lexical, so that it is safe on any text;
 * `undefined` when neither tells.
 */
export function detectConfigKind(text: string, file: string): ConfigKind | undefined {
  if (MANIFEST_KEY.test(text)) return "manifest";
  if (POLICY_KEY.test(text)) return "policy";
  const name = file.split(/[\\/]/).pop() ?? "";
  if (/^component\.ya?ml$/.test(name)) return "manifest";
  if (/^sofie-integration\.ya?ml$/.test(name)) return "policy";
  return undefined;
}
